using System;
using System.IO;
using System.Linq;
using MemoGen.RuntimeTests.Disk.Support;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using MemoGen.TestSupport;

namespace MemoGen.RuntimeTests.Disk;

/// <summary>A value with no usable constructor: System.Text.Json writes it but cannot read it back.</summary>
public sealed class WriteOnly(int value)
{
    public int Doubled { get; } = value * 2;
}

/// <summary>A disk that cannot be written, or a value that cannot be, degrades to memory: the computation still returns.</summary>
public sealed class DegradeTests
{
    [Test]
    public void A_full_disk_degrades_to_memory_with_one_warning()
    {
        AssertDegradesToMemory(_ => new IOException("No space left on device"));
    }

    [Test]
    public void A_read_only_disk_degrades_to_memory_with_one_warning()
    {
        AssertDegradesToMemory(_ => new UnauthorizedAccessException("Read-only file system"));
    }

    [Test]
    public void Entries_written_before_the_disk_filled_up_are_still_read()
    {
        using var store = new TempStore();
        var fileSystem = new CountingFileSystem();
        var options = DiskTables.Options(store, fileSystem);
        var function = DiskTables.Function<int[]>();
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<int[]>(k => [k]));
        fileSystem.CreateFault = _ => new IOException("No space left on device");

        var table = DiskTables.Fresh(function, options);
        var compute = new Counted<int[]>(k => [k]);
        DiskTables.Get(table, 2, compute);
        DiskTables.Get(table, 1, compute);

        Assert.That((compute.Calls, table.Statistics.DiskLoads), Is.EqualTo((1, 1L)));
    }

    [Test]
    public void A_lazy_result_that_cannot_be_written_is_kept_in_memory()
    {
        using var store = new TempStore();
        var fileSystem = new CountingFileSystem { CreateFault = _ => new IOException("No space left on device") };
        var table = DiskTables.Fresh(DiskTables.Function<Model>(tag: MemoTags.Lazy), DiskTables.Options(store, fileSystem));
        var compute = new Counted<Model>(k => new Model("m" + k, [1.0]));

        Model first = DiskTables.Get(table, 1, compute);

        Assert.That(table.Statistics.Entries, Is.EqualTo(1));
        Assert.That(DiskTables.Get(table, 1, compute), Is.SameAs(first));
    }

    [Test]
    public void A_type_the_serializer_cannot_read_back_is_kept_in_memory_with_one_warning()
    {
        using var store = new TempStore();
        var logger = new ListLogger { MinimumLevel = LogLevel.Warning };
        var table = DiskTables.Fresh(DiskTables.Function<WriteOnly>(), DiskTables.Options(store, logger: logger));
        var compute = new Counted<WriteOnly>(k => new WriteOnly(k));

        for (int key = 0; key < 3; key++)
        {
            Assert.That(DiskTables.Get(table, key, compute).Doubled, Is.EqualTo(2 * key));
        }

        Assert.That(logger.Messages(LogLevel.Warning).Single(), Does.Contain("kept in memory only").And.Contain("WriteOnly"));
        Assert.That(Directory.GetFiles(store.Root, "*", SearchOption.AllDirectories), Is.Empty);
        Assert.That(table.Statistics.Entries, Is.EqualTo(3));
    }

    private static void AssertDegradesToMemory(Func<string, Exception> fault)
    {
        using var store = new TempStore();
        var logger = new ListLogger { MinimumLevel = LogLevel.Warning };
        var fileSystem = new CountingFileSystem { CreateFault = fault };
        var table = DiskTables.Fresh(DiskTables.Function<int[]>(), DiskTables.Options(store, fileSystem, logger));
        var compute = new Counted<int[]>(k => [k]);

        for (int key = 0; key < 3; key++)
        {
            Assert.That(DiskTables.Get(table, key, compute), Is.EqualTo(new[] { key }));
        }

        Assert.That(DiskTables.Get(table, 1, compute), Is.EqualTo(new[] { 1 }));
        Assert.That((compute.Calls, table.Statistics.Entries), Is.EqualTo((3, 3L)), "kept in memory");
        Assert.That(logger.Messages(LogLevel.Warning).Single(), Does.Contain("cannot be written"));
        Assert.That(Directory.GetFiles(store.Root, "*", SearchOption.AllDirectories), Is.Empty, "no half-written file is left");
    }
}
