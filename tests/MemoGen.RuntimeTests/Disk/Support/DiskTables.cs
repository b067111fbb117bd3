using System;
using MemoGen.Infrastructure;
using MemoGen.TestSupport;

namespace MemoGen.RuntimeTests.Disk.Support;

/// <summary>Options, functions and tables over a temporary disk store, standing in for generated code.</summary>
internal static class DiskTables
{
    public static MemoOptions Options(TempStore store, CountingFileSystem? fileSystem = null, ListLogger? logger = null) => new()
    {
        CacheDirectory = store.Root,
        FileSystem = fileSystem ?? new CountingFileSystem(),
        LoggerFactory = logger,
    };

    public static MemoFunction<NumberKey, TResult> Function<TResult>(string name = "f", string version = "v1", string tag = MemoTags.Disk) =>
        new(name, version, [tag]);

    /// <summary>The function's table in a new context: a fresh process, as far as memory goes.</summary>
    public static MemoTable<NumberKey, TResult> Fresh<TResult>(MemoFunction<NumberKey, TResult> function, MemoOptions options) =>
        function.TableIn(new MemoContext(options));

    /// <summary>Looks <paramref name="key"/> up as generated code does: a memory hit, or the single-flight miss path.</summary>
    public static TResult Get<TResult>(MemoTable<NumberKey, TResult> table, int key, Counted<TResult> compute)
    {
        var memoKey = new NumberKey(key);
        return table.TryGetValue(memoKey, out TResult? cached)
            ? cached
            : table.GetOrCompute(in memoKey, (compute, key), static state => state.compute.Invoke(state.key));
    }
}
