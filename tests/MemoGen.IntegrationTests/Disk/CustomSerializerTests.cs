using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using MemoGen.IntegrationTests.Disk.Subjects;
using NUnit.Framework;

namespace MemoGen.IntegrationTests.Disk;

/// <summary>A serializer of one's own through <see cref="MemoOptions.Serializer"/> writes and reads the generated methods' entries.</summary>
public sealed class CustomSerializerTests : CacheFolderTests
{
    [Test]
    public void The_options_serializer_writes_the_entry_and_reads_it_back_in_a_fresh_context()
    {
        var serializer = new CountingSerializer();
        var options = new MemoOptions { CacheDirectory = Folder, Serializer = serializer };

        Summary written = new Observatory(options).Summarize(2, 8);
        int readsWhileWriting = serializer.Reads; // the store reads a first value back once, to find unreadable types early
        var second = new Observatory(options);
        Summary read = second.Summarize(2, 8);

        Assert.That(read, Is.EqualTo(written));
        Assert.That(second.Computations, Is.Zero, "loaded, not computed");
        Assert.That(serializer.Writes, Is.EqualTo(1));
        Assert.That(serializer.Reads - readsWhileWriting, Is.EqualTo(1), "the fresh context read the entry through the serializer");
        string entry = second.SummarizeMemo.EntryPath(2, 8)!;
        using JsonDocument metadata = JsonDocument.Parse(File.ReadAllBytes(entry));
        Assert.That(metadata.RootElement.GetProperty("format").GetString(), Is.EqualTo(CountingSerializer.Name));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(entry)!, "*." + CountingSerializer.Name), Has.Length.EqualTo(1), "the payload file is named by the format");
    }

    /// <summary>JSON behind a format name of its own, counting its calls.</summary>
    private sealed class CountingSerializer : IMemoSerializer
    {
        public const string Name = "counted-json";

        private int _writes;
        private int _reads;

        public string Format => Name;

        public int Writes => _writes;

        public int Reads => _reads;

        public void Serialize<T>(Stream destination, T value)
        {
            Interlocked.Increment(ref _writes);
            JsonSerializer.Serialize(destination, value);
        }

        public T Deserialize<T>(Stream source)
        {
            Interlocked.Increment(ref _reads);
            return JsonSerializer.Deserialize<T>(source) ?? throw new InvalidDataException("a null entry");
        }
    }
}
