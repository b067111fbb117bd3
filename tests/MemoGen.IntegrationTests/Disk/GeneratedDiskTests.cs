using System;
using System.Buffers;
using System.Collections.Immutable;
using System.IO;
using System.Runtime.InteropServices;
using MemoGen.IntegrationTests.Disk.Subjects;
using NUnit.Framework;

namespace MemoGen.IntegrationTests.Disk;

/// <summary>Generated methods with the disk and lazy tags, end to end, in this process.</summary>
public sealed class GeneratedDiskTests : CacheFolderTests
{
    [Test]
    public void A_fresh_context_loads_instead_of_computing()
    {
        var first = new Observatory(Options());
        Summary written = first.Summarize(1, 8);

        var second = new Observatory(Options());
        Summary read = second.Summarize(1, 8);

        Assert.That(read, Is.EqualTo(written));
        Assert.That((first.Computations, second.Computations), Is.EqualTo((1, 0)));
        Assert.That(second.SummarizeMemo.Statistics.DiskLoads, Is.EqualTo(1));
    }

    [Test]
    public void The_handle_reaches_the_disk()
    {
        new Observatory(Options()).Summarize(2, 5);
        var fresh = new Observatory(Options());

        Assert.That(fresh.SummarizeMemo.IsCached(2, 5), Is.True, "found on disk");
        Assert.That(fresh.SummarizeMemo.Invalidate(2, 5), Is.True);
        Assert.That(new Observatory(Options()).SummarizeMemo.IsCached(2, 5), Is.False);

        Assert.That(fresh.SummarizeMemo.Recompute(2, 5), Is.EqualTo(new Summary(2, 5, 0.4, "2/5")));
        Assert.That(new Observatory(Options()).SummarizeMemo.IsCached(2, 5), Is.True, "the recomputed result is written");
        Assert.That(fresh.SummarizeMemo.Clear(), Is.EqualTo(1));
        Assert.That(new Observatory(Options()).SummarizeMemo.IsCached(2, 5), Is.False);
    }

    [Test]
    public void The_handle_tells_where_an_entry_lives()
    {
        var observatory = new Observatory(Options());
        var path = observatory.SummarizeMemo.EntryPath(3, 4);

        Assert.That(path, Does.StartWith(Folder + Path.DirectorySeparatorChar));
        Assert.That(File.Exists(path), Is.False, "not written yet");
        observatory.Summarize(3, 4);
        Assert.That(File.Exists(path), Is.True);
        Assert.That(path, Does.Contain(observatory.SummarizeMemo.KeyHash(3, 4).ToString()));
        Assert.That(new Observatory(new MemoOptions()).SummarizeMemo.EntryPath(3, 4), Is.Null, "no disk tier without a cache directory");
    }

    [Test]
    public void A_mapped_hit_returns_memory_over_the_file()
    {
        var grid = new Grid("mapped", 10_000);
        new Observatory(Options()).Map(grid);

        ReadOnlyMemory<double> mapped = new Observatory(Options(MmapMode.ReadOnly)).Map(grid);

        Assert.That(MemoryMarshal.TryGetMemoryManager(mapped, out MemoryManager<double>? _), Is.True);
        Assert.That(mapped.ToArray(), Is.EqualTo(Observatory.Expected(grid)));
    }

    [Test]
    public void A_lazy_result_is_on_disk_and_not_held_in_memory()
    {
        var observatory = new Observatory(Options());

        ImmutableArray<long> profile = observatory.Profile(64);

        Assert.That(profile[8], Is.EqualTo(64));
        Assert.That(observatory.ProfileMemo.Statistics.Entries, Is.Zero);
        Assert.That(observatory.ProfileMemo.IsCached(64), Is.True);
        Assert.That(new Observatory(Options()).Profile(64), Is.EqualTo(profile));
    }

    private MemoOptions Options(MmapMode mmap = MmapMode.None) => new() { CacheDirectory = Folder, MmapMode = mmap };
}
