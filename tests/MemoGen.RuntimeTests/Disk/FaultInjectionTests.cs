using System;
using System.IO;
using System.Linq;
using MemoGen.RuntimeTests.Disk.Support;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using MemoGen.TestSupport;

namespace MemoGen.RuntimeTests.Disk;

/// <summary>Faults injected through the file-system seam: the caller always gets its value, and no bad entry is left.</summary>
public sealed class FaultInjectionTests
{
    private static readonly double[] Expected = Enumerable.Range(0, 300_000).Select(i => i * 0.5).ToArray();

    [Test]
    public void Short_reads_are_continued_until_the_payload_is_whole()
    {
        using var store = new TempStore();
        var fileSystem = new CountingFileSystem();
        var options = DiskTables.Options(store, fileSystem);
        var function = DiskTables.Function<double[]>();
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<double[]>(_ => Expected));
        fileSystem.MaxBytesPerRead = 1000;
        fileSystem.ResetCounters();

        var again = new Counted<double[]>(_ => Expected);
        Assert.That(DiskTables.Get(DiskTables.Fresh(function, options), 1, again), Is.EqualTo(Expected));
        Assert.That(again.Calls, Is.Zero);
        Assert.That(fileSystem.ReadCalls, Is.GreaterThan(Expected.Length * sizeof(double) / 1000));
    }

    [Test]
    public void A_write_that_fails_midway_leaves_no_entry_and_the_value_is_returned()
    {
        using var store = new TempStore();
        var logger = new ListLogger { MinimumLevel = LogLevel.Warning };
        var fileSystem = new CountingFileSystem { FailWriteAfterBytes = 100_000 };
        var options = DiskTables.Options(store, fileSystem, logger);
        var function = DiskTables.Function<double[]>();

        Assert.That(DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<double[]>(_ => Expected)), Is.EqualTo(Expected));

        Assert.That(Directory.GetFiles(store.Root, "*", SearchOption.AllDirectories), Is.Empty, "the partial payload is removed");
        Assert.That(logger.Messages(LogLevel.Warning).Single(), Does.Contain("cannot be written"));
    }

    [Test]
    public void A_rename_that_fails_leaves_the_previous_entry_whole()
    {
        using var store = new TempStore();
        var fileSystem = new CountingFileSystem();
        var options = DiskTables.Options(store, fileSystem);
        var function = DiskTables.Function<int[]>();
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<int[]>(_ => [1]));
        fileSystem.ReplaceFault = _ => new IOException("rename failed");

        int[] recomputed = DiskTables.Fresh(function, options).Recompute(new NumberKey(1), 0, static _ => new[] { 2 });
        fileSystem.ReplaceFault = null;

        Assert.That(recomputed, Is.EqualTo(new[] { 2 }));
        var reader = new Counted<int[]>(_ => [3]);
        Assert.That(DiskTables.Get(DiskTables.Fresh(function, options), 1, reader), Is.EqualTo(new[] { 1 }), "the old entry, whole");
        Assert.That(reader.Calls, Is.Zero);
        Assert.That(Directory.GetFiles(store.Root, "*", SearchOption.AllDirectories), Has.Length.EqualTo(2), "no temporary or orphan file");
    }

    [Test]
    public void A_payload_that_vanishes_after_its_metadata_was_read_is_a_clean_miss()
    {
        using var store = new TempStore();
        var logger = new ListLogger { MinimumLevel = LogLevel.Warning };
        var fileSystem = new CountingFileSystem();
        var options = DiskTables.Options(store, fileSystem, logger);
        var function = DiskTables.Function<double[]>();
        var table = DiskTables.Fresh(function, options);
        DiskTables.Get(table, 1, new Counted<double[]>(_ => Expected));
        string metadata = table.EntryPath(new NumberKey(1))!;

        // Another process removes the whole entry between the two reads.
        fileSystem.BeforeOpenRead = path =>
        {
            if (path.EndsWith(".raw", StringComparison.Ordinal))
            {
                File.Delete(metadata);
                File.Delete(path);
            }
        };
        var again = new Counted<double[]>(_ => Expected);
        Assert.That(DiskTables.Get(DiskTables.Fresh(function, options), 1, again), Is.EqualTo(Expected));

        Assert.That(again.Calls, Is.EqualTo(1));
        Assert.That(logger.Entries, Is.Empty, "a removed entry is a miss, not a bad entry");
    }

    [Test]
    public void A_payload_replaced_after_its_metadata_was_read_is_read_from_the_new_entry()
    {
        using var store = new TempStore();
        var logger = new ListLogger { MinimumLevel = LogLevel.Warning };
        var fileSystem = new CountingFileSystem();
        var options = DiskTables.Options(store, fileSystem, logger);
        var function = DiskTables.Function<int[]>();
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<int[]>(_ => [1]));

        // Another process recomputes the entry between the two reads, once.
        var writer = DiskTables.Fresh(function, DiskTables.Options(store));
        bool replaced = false;
        fileSystem.BeforeOpenRead = path =>
        {
            if (!replaced && path.EndsWith(".raw", StringComparison.Ordinal))
            {
                replaced = true;
                writer.Recompute(new NumberKey(1), 0, static _ => new[] { 2 });
            }
        };
        var reader = new Counted<int[]>(_ => [3]);
        Assert.That(DiskTables.Get(DiskTables.Fresh(function, options), 1, reader), Is.EqualTo(new[] { 2 }));

        Assert.That(reader.Calls, Is.Zero);
        Assert.That(logger.Entries, Is.Empty);
    }
}
