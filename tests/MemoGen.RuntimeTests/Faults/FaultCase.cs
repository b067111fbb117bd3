using System;
using System.Collections.Generic;
using System.IO;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Disk.Support;

namespace MemoGen.RuntimeTests.Faults;

/// <summary>A side effect that fails after (or, for reads, around) the computation, and how to set it up.</summary>
public sealed class FaultCase
{
    private readonly Action<MemoOptions> _configure;

    private FaultCase(string name, Action<MemoOptions> configure, string tag = MemoTags.Disk, Action<MemoOptions>? seed = null)
    {
        Name = name;
        _configure = configure;
        Tag = tag;
        Seed = seed;
    }

    public string Name { get; }

    /// <summary>The function's tag: <c>"disk"</c>, <c>"lazy"</c>, or none for memory only.</summary>
    public string Tag { get; }

    /// <summary>When set, an entry is written first with fault-free options changed by this, so that the fault hits a read.</summary>
    public Action<MemoOptions>? Seed { get; }

    /// <summary>Every fault point of the miss path.</summary>
    public static IEnumerable<FaultCase> All()
    {
        yield return new("a logger that throws, memory only", o => o.LoggerFactory = new ThrowingLogger(), tag: "none");
        yield return new("a logger that throws, disk", o => o.LoggerFactory = new ThrowingLogger());
        yield return new("a logger that throws, lazy", o => o.LoggerFactory = new ThrowingLogger(), tag: MemoTags.Lazy);
        yield return new("a logger that throws, on a disk hit", o => o.LoggerFactory = new ThrowingLogger(), seed: _ => { });
        yield return new("a serializer that throws", o => o.Serializer = new ThrowingSerializer(new InvalidOperationException("cannot serialize")));
        yield return new("a serializer out of memory", o => o.Serializer = new ThrowingSerializer(new OutOfMemoryException()));
        yield return new("a serializer out of memory, lazy", o => o.Serializer = new ThrowingSerializer(new OutOfMemoryException()), tag: MemoTags.Lazy);
        yield return new("a deserializer out of memory", o => o.Serializer = new ThrowingSerializer(null, new OutOfMemoryException()), seed: _ => { });
        yield return new("a cacher that throws", o => o.UseCacher("f", new ThrowingCacher(new InvalidOperationException("cannot save"))));
        yield return new("a cacher out of memory", o => o.UseCacher("f", new ThrowingCacher(new OutOfMemoryException())));
        foreach (WriteStep step in Enum.GetValues<WriteStep>())
        {
            yield return new($"an I/O error at {step}", o => o.FileSystem = new FaultyFileSystem(step, new IOException($"{step} failed")));
            yield return new($"an unexpected error at {step}", o => o.FileSystem = new FaultyFileSystem(step, new InvalidOperationException($"{step} failed")));
            yield return new($"out of memory at {step}", o => o.FileSystem = new FaultyFileSystem(step, new OutOfMemoryException()));
        }
    }

    /// <summary>Options on <paramref name="store"/> with the fault in place.</summary>
    public MemoOptions Options(TempStore store)
    {
        var options = new MemoOptions { CacheDirectory = store.Root };
        _configure(options);
        return options;
    }

    /// <summary>A fresh table of function <c>"f"</c> under these options.</summary>
    public MemoTable<NumberKey, int> Table(MemoOptions options) =>
        new MemoFunction<NumberKey, int>("f", "v1", Tag == "none" ? [] : [Tag]).TableIn(new MemoContext(options));

    public override string ToString() => Name;
}
