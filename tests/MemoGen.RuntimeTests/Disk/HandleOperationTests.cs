using System.IO;
using System.Linq;
using MemoGen.RuntimeTests.Disk.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Disk;

/// <summary>The handle's operations reach the disk: is-cached, invalidate, recompute, clear, where an entry lives.</summary>
public sealed class HandleOperationTests
{
    [Test]
    public void Contains_finds_an_entry_on_disk_that_memory_does_not_hold()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = DiskTables.Function<int[]>();
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<int[]>(_ => [1]));

        var fresh = DiskTables.Fresh(function, options);
        Assert.That(fresh.Contains(new NumberKey(1)), Is.True);
        Assert.That(fresh.Contains(new NumberKey(2)), Is.False);
        Assert.That((fresh.Statistics.Hits, fresh.Statistics.Misses, fresh.Statistics.DiskLoads), Is.EqualTo((0L, 0L, 0L)), "asking is not a lookup");
    }

    [Test]
    public void Contains_is_false_for_an_entry_whose_payload_is_gone()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = DiskTables.Function<int[]>();
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<int[]>(_ => [1]));
        File.Delete(Directory.GetFiles(store.Root, "*.raw", SearchOption.AllDirectories).Single());

        Assert.That(DiskTables.Fresh(function, options).Contains(new NumberKey(1)), Is.False);
    }

    [Test]
    public void Invalidate_removes_the_entry_from_disk()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = DiskTables.Function<int[]>();
        var table = DiskTables.Fresh(function, options);
        DiskTables.Get(table, 1, new Counted<int[]>(_ => [1]));

        Assert.That(table.Invalidate(new NumberKey(1)), Is.True);

        Assert.That(Directory.GetFiles(store.Root, "*", SearchOption.AllDirectories), Is.Empty);
        var again = new Counted<int[]>(_ => [2]);
        Assert.That(DiskTables.Get(DiskTables.Fresh(function, options), 1, again), Is.EqualTo(new[] { 2 }));
        Assert.That(again.Calls, Is.EqualTo(1));
    }

    [Test]
    public void Invalidate_in_a_fresh_context_removes_an_entry_only_on_disk()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = DiskTables.Function<int[]>();
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<int[]>(_ => [1]));

        var fresh = DiskTables.Fresh(function, options);
        Assert.That(fresh.Invalidate(new NumberKey(1)), Is.True);
        Assert.That(fresh.Invalidate(new NumberKey(1)), Is.False);
        Assert.That(fresh.Contains(new NumberKey(1)), Is.False);
    }

    [Test]
    public void Recompute_overwrites_the_entry_on_disk()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = DiskTables.Function<int[]>();
        var table = DiskTables.Fresh(function, options);
        DiskTables.Get(table, 1, new Counted<int[]>(_ => [1]));

        table.Recompute(new NumberKey(1), 0, static _ => new[] { 42 });

        var fresh = new Counted<int[]>(_ => [0]);
        Assert.That(DiskTables.Get(DiskTables.Fresh(function, options), 1, fresh), Is.EqualTo(new[] { 42 }));
        Assert.That(fresh.Calls, Is.Zero);
        Assert.That(Directory.GetFiles(store.Root, "*.raw", SearchOption.AllDirectories), Has.Length.EqualTo(1), "the replaced payload is gone");
    }

    [Test]
    public void Clear_removes_every_entry_of_the_function_from_disk()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = DiskTables.Function<int[]>("cleared");
        var other = DiskTables.Function<int[]>("kept");
        var table = DiskTables.Fresh(function, options);
        for (int i = 0; i < 5; i++)
        {
            DiskTables.Get(table, i, new Counted<int[]>(k => [k]));
        }

        DiskTables.Get(DiskTables.Fresh(other, options), 1, new Counted<int[]>(k => [k]));

        Assert.That(DiskTables.Fresh(function, options).Clear(), Is.EqualTo(5));
        Assert.That(Directory.GetFiles(Path.Combine(store.Root, "cleared"), "*", SearchOption.AllDirectories), Is.Empty);
        Assert.That(DiskTables.Fresh(other, options).Contains(new NumberKey(1)), Is.True, "other functions keep their entries");
    }

    [Test]
    public void Context_clear_by_name_reaches_the_disk_even_for_a_function_it_never_used()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = DiskTables.Function<int[]>("by_name");
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<int[]>(k => [k]));

        Assert.That(new MemoContext(options).Clear("by_name"), Is.EqualTo(1));
        Assert.That(DiskTables.Fresh(function, options).Contains(new NumberKey(1)), Is.False);
    }

    [Test]
    public void A_function_without_the_disk_tag_stays_in_memory()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = new MemoGen.Infrastructure.MemoFunction<NumberKey, int[]>("memory_only", "v", []);
        var table = DiskTables.Fresh(function, options);
        DiskTables.Get(table, 1, new Counted<int[]>(k => [k]));

        Assert.That(Directory.GetFiles(store.Root, "*", SearchOption.AllDirectories), Is.Empty);
        Assert.That(table.EntryPath(new NumberKey(1)), Is.Null);
    }
}
