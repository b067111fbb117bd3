using System;
using System.IO;
using System.Linq;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Disk.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Disk;

/// <summary>Size management: bytes, entries and age, least recently used first; expiry per function; orphans.</summary>
public sealed class PruneTests
{
    private static readonly DateTime Now = DateTime.UtcNow;

    [Test]
    public void Pruning_by_entry_count_removes_the_least_recently_used()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = DiskTables.Function<int[]>();
        var table = WriteAged(function, options, 10);
        options.DiskLimits = new DiskLimits(MaxEntries: 4);

        DiskPruneResult result = new MemoContext(options).PruneDisk();

        Assert.That((result.RemovedEntries, result.RemainingEntries), Is.EqualTo((6L, 4L)));
        Assert.That(Enumerable.Range(0, 10).Select(k => table.Contains(new NumberKey(k))), Is.EqualTo(Enumerable.Range(0, 10).Select(k => k >= 6)));
    }

    [Test]
    public void Pruning_by_bytes_removes_the_least_recently_used_until_the_rest_fits()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = DiskTables.Function<int[]>();
        var table = WriteAged(function, options, 6);
        long entryBytes = Directory.GetFiles(Path.GetDirectoryName(table.EntryPath(new NumberKey(5)))!, MemoKeyHash.Of(new NumberKey(5)) + ".*")
            .Sum(p => new FileInfo(p).Length);
        options.DiskLimits = new DiskLimits(MaxBytes: (3 * entryBytes) + (entryBytes / 2));

        DiskPruneResult result = new MemoContext(options).PruneDisk();

        Assert.That(result.RemainingEntries, Is.EqualTo(3));
        Assert.That(result.RemainingBytes, Is.LessThanOrEqualTo(options.DiskLimits.MaxBytes!.Value));
        Assert.That(result.RemovedBytes, Is.EqualTo(3 * entryBytes).Within(3 * 16), "entries differ only in a digit or two of metadata");
        Assert.That(Enumerable.Range(0, 6).Select(k => table.Contains(new NumberKey(k))), Is.EqualTo(new[] { false, false, false, true, true, true }));
    }

    [Test]
    public void Pruning_by_age_removes_entries_unused_for_too_long()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var table = WriteAged(DiskTables.Function<int[]>(), options, 5);
        options.DiskLimits = new DiskLimits(MaxAge: TimeSpan.FromHours(3.5));

        DiskPruneResult result = new MemoContext(options).PruneDisk();

        Assert.That(result.RemovedEntries, Is.EqualTo(2), "the entries last used 4 and 5 hours ago");
        Assert.That(Enumerable.Range(0, 5).Select(k => table.Contains(new NumberKey(k))), Is.EqualTo(new[] { false, false, true, true, true }));
    }

    [Test]
    public void Loading_an_entry_makes_it_recently_used()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = DiskTables.Function<int[]>();
        var table = WriteAged(function, options, 5);

        var compute = new Counted<int[]>(k => [k]);
        DiskTables.Get(DiskTables.Fresh(function, options), 0, compute);
        options.DiskLimits = new DiskLimits(MaxEntries: 1);
        new MemoContext(options).PruneDisk();

        Assert.That(compute.Calls, Is.Zero);
        Assert.That(Enumerable.Range(0, 5).Select(k => table.Contains(new NumberKey(k))), Is.EqualTo(new[] { true, false, false, false, false }));
    }

    [Test]
    public void An_expired_entry_is_a_miss_and_is_pruned_while_other_functions_keep_theirs()
    {
        using var store = new TempStore();
        var time = new ManualTime(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = DiskTables.Options(store);
        options.TimeProvider = time;
        options.ExpireAfter("expiring", TimeSpan.FromHours(1));
        var expiring = DiskTables.Function<int[]>("expiring");
        var lasting = DiskTables.Function<int[]>("lasting");
        DiskTables.Get(DiskTables.Fresh(expiring, options), 1, new Counted<int[]>(k => [k]));
        DiskTables.Get(DiskTables.Fresh(expiring, options), 2, new Counted<int[]>(k => [k]));
        DiskTables.Get(DiskTables.Fresh(lasting, options), 1, new Counted<int[]>(k => [k]));

        time.Now += TimeSpan.FromMinutes(30);
        var fresh = new Counted<int[]>(k => [k]);
        DiskTables.Get(DiskTables.Fresh(expiring, options), 1, fresh);
        Assert.That(fresh.Calls, Is.Zero, "not expired yet");

        time.Now += TimeSpan.FromHours(1);
        var expired = new Counted<int[]>(k => [k]);
        DiskTables.Get(DiskTables.Fresh(expiring, options), 1, expired);
        Assert.That(expired.Calls, Is.EqualTo(1), "expired: computed again, and rewritten");

        DiskPruneResult result = new MemoContext(options).PruneDisk();
        Assert.That(result.RemovedEntries, Is.EqualTo(1), "key 2 of the expiring function");
        Assert.That(DiskTables.Fresh(expiring, options).Contains(new NumberKey(1)), Is.True);
        Assert.That(DiskTables.Fresh(lasting, options).Contains(new NumberKey(1)), Is.True);
    }

    [Test]
    public void Pruning_removes_old_files_no_entry_names_and_spares_young_ones()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var table = WriteAged(DiskTables.Function<int[]>(), options, 1);
        string directory = Path.GetDirectoryName(table.EntryPath(new NumberKey(0)))!;
        string hash = new string('a', 32);
        string oldOrphan = Path.Combine(directory, hash + ".0123456789abcdef.raw");
        string oldTemporary = Path.Combine(directory, hash + ".0123456789abcdef.meta.tmp");
        string youngOrphan = Path.Combine(directory, hash + ".fedcba9876543210.raw");
        foreach (string path in new[] { oldOrphan, oldTemporary, youngOrphan })
        {
            File.WriteAllText(path, "left by a crashed writer");
        }

        File.SetLastWriteTimeUtc(oldOrphan, Now.AddHours(-2));
        File.SetLastWriteTimeUtc(oldTemporary, Now.AddHours(-2));

        DiskPruneResult result = new MemoContext(options).PruneDisk();

        Assert.That((File.Exists(oldOrphan), File.Exists(oldTemporary), File.Exists(youngOrphan)), Is.EqualTo((false, false, true)));
        Assert.That((result.RemovedEntries, result.RemainingEntries), Is.EqualTo((0L, 1L)));
    }

    [Test]
    public void A_bounded_store_is_pruned_as_results_are_written()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        options.DiskLimits = new DiskLimits(MaxEntries: 5);
        var table = DiskTables.Fresh(DiskTables.Function<int[]>(), options);

        for (int key = 0; key < 20; key++)
        {
            DiskTables.Get(table, key, new Counted<int[]>(k => [k]));
        }

        // Pruning runs in the background, off the callers' path.
        MemoGen.RuntimeTests.Support.TestTables.WaitUntil(
            () => Directory.GetFiles(store.Root, "*.meta.json", SearchOption.AllDirectories).Length <= 5, "the store is pruned to its bound");
        Assert.That(table.Statistics.Entries, Is.EqualTo(20), "memory is not the disk's business");
    }

    [Test]
    public void Pruning_without_a_disk_store_is_an_error()
    {
        Assert.That(() => new MemoContext().PruneDisk(), Throws.InvalidOperationException.With.Message.Contains("CacheDirectory"));
    }

    /// <summary>Writes keys 0..count-1; key k was last used count-k hours ago, so key 0 is the least recently used.</summary>
    private static MemoTable<NumberKey, int[]> WriteAged(MemoFunction<NumberKey, int[]> function, MemoOptions options, int count)
    {
        var table = DiskTables.Fresh(function, options);
        for (int key = 0; key < count; key++)
        {
            DiskTables.Get(table, key, new Counted<int[]>(k => [k]));
            File.SetLastWriteTimeUtc(table.EntryPath(new NumberKey(key))!, Now.AddHours(key - count));
        }

        return DiskTables.Fresh(function, options);
    }
}
