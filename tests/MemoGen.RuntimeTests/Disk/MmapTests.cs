using System;
using System.Buffers;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Disk.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Disk;

/// <summary>With <see cref="MmapMode.ReadOnly"/>, a disk hit on a <see cref="ReadOnlyMemory{T}"/> maps the payload instead of reading it.</summary>
public sealed class MmapTests
{
    private const int Length = 200_000;

    [Test]
    public void A_hit_maps_the_payload_without_reading_it()
    {
        using var store = new TempStore();
        var fileSystem = new CountingFileSystem();
        var options = DiskTables.Options(store, fileSystem);
        options.MmapMode = MmapMode.ReadOnly;
        var function = DiskTables.Function<ReadOnlyMemory<double>>();
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<ReadOnlyMemory<double>>(Ramp));
        fileSystem.ResetCounters();

        ReadOnlyMemory<double> mapped = DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<ReadOnlyMemory<double>>(Ramp));

        Assert.That(fileSystem.Maps, Is.EqualTo(1));
        Assert.That(fileSystem.MappedBytes, Is.EqualTo(Length * sizeof(double)));
        Assert.That(fileSystem.BytesRead, Is.LessThan(4096 + 2048), "only the metadata and the header page are read");
        Assert.That(MemoryMarshal.TryGetMemoryManager(mapped, out MemoryManager<double>? _), Is.True, "the memory is a view of the file");
        Assert.That(mapped.Length, Is.EqualTo(Length));
        Assert.That(mapped.Span[12345], Is.EqualTo(12345 * 0.5));
        Assert.That(mapped.ToArray(), Is.EqualTo(Ramp(1).ToArray()));
    }

    [Test]
    public void Without_mmap_mode_a_hit_reads_the_payload()
    {
        using var store = new TempStore();
        var fileSystem = new CountingFileSystem();
        var options = DiskTables.Options(store, fileSystem);
        var function = DiskTables.Function<ReadOnlyMemory<double>>();
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<ReadOnlyMemory<double>>(Ramp));
        fileSystem.ResetCounters();

        ReadOnlyMemory<double> read = DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<ReadOnlyMemory<double>>(Ramp));

        Assert.That(fileSystem.Maps, Is.Zero);
        Assert.That(fileSystem.BytesRead, Is.GreaterThanOrEqualTo(Length * sizeof(double)));
        Assert.That(MemoryMarshal.TryGetArray(read, out ArraySegment<double> _), Is.True);
    }

    [Test]
    public void Results_that_must_live_on_the_heap_are_read_even_in_mmap_mode()
    {
        using var store = new TempStore();
        var fileSystem = new CountingFileSystem();
        var options = DiskTables.Options(store, fileSystem);
        options.MmapMode = MmapMode.ReadOnly;
        var function = DiskTables.Function<ImmutableArray<double>>();
        Func<int, ImmutableArray<double>> make = _ => [.. Enumerable.Range(0, Length).Select(i => i * 0.5)];
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<ImmutableArray<double>>(make));
        fileSystem.ResetCounters();

        ImmutableArray<double> read = DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<ImmutableArray<double>>(make));

        Assert.That(fileSystem.Maps, Is.Zero);
        Assert.That(fileSystem.BytesRead, Is.GreaterThanOrEqualTo(Length * sizeof(double)));
        Assert.That(read[Length - 1], Is.EqualTo((Length - 1) * 0.5));
    }

    [Test]
    public void A_truncated_payload_is_caught_before_mapping()
    {
        using var store = new TempStore();
        var fileSystem = new CountingFileSystem();
        var options = DiskTables.Options(store, fileSystem);
        options.MmapMode = MmapMode.ReadOnly;
        var function = DiskTables.Function<ReadOnlyMemory<double>>();
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<ReadOnlyMemory<double>>(Ramp));
        using (var file = new FileStream(Directory.GetFiles(store.Root, "*.raw", SearchOption.AllDirectories).Single(), FileMode.Open))
        {
            file.SetLength(file.Length - 4096);
        }

        fileSystem.ResetCounters();
        var again = new Counted<ReadOnlyMemory<double>>(Ramp);
        ReadOnlyMemory<double> value = DiskTables.Get(DiskTables.Fresh(function, options), 1, again);

        Assert.That((again.Calls, fileSystem.Maps), Is.EqualTo((1, 0L)));
        Assert.That(value.Length, Is.EqualTo(Length));
    }

    [Test]
    public void The_mapping_is_released_once_the_memory_is_unreachable()
    {
        Assume.That(OperatingSystem.IsLinux(), "reads the process's mappings from /proc/self/maps");
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        options.MmapMode = MmapMode.ReadOnly;
        var function = DiskTables.Function<ReadOnlyMemory<double>>();
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<ReadOnlyMemory<double>>(Ramp));
        string payload = Directory.GetFiles(store.Root, "*.raw", SearchOption.AllDirectories).Single();

        WeakReference manager = LoadMappedAndCheck(function, options, payload);
        for (int i = 0; i < 5 && manager.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.That(manager.IsAlive, Is.False);
        Assert.That(File.ReadAllText("/proc/self/maps"), Does.Not.Contain(payload), "the view was unmapped");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadMappedAndCheck(MemoFunction<NumberKey, ReadOnlyMemory<double>> function, MemoOptions options, string payload)
    {
        ReadOnlyMemory<double> mapped = DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<ReadOnlyMemory<double>>(Ramp));
        Assert.That(File.ReadAllText("/proc/self/maps"), Does.Contain(payload), "the payload is mapped");
        Assert.That(MemoryMarshal.TryGetMemoryManager(mapped, out MemoryManager<double>? manager), Is.True);
        return new WeakReference(manager);
    }

    private static ReadOnlyMemory<double> Ramp(int key) => Enumerable.Range(0, Length).Select(i => i * 0.5).ToArray();
}
