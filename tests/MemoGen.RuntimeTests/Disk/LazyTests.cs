using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Disk.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Disk;

public sealed record Model(string Name, ImmutableArray<double> Weights);

/// <summary>The <c>"lazy"</c> policy: written to disk, held in memory only weakly, reloaded once collected.</summary>
public sealed class LazyTests
{
    [Test]
    public void A_lazy_result_is_written_to_disk_and_not_kept_in_memory()
    {
        using var store = new TempStore();
        var table = DiskTables.Fresh(DiskTables.Function<Model>(tag: MemoTags.Lazy), DiskTables.Options(store));

        Model model = DiskTables.Get(table, 1, new Counted<Model>(Make));

        Assert.That(table.Statistics.Entries, Is.Zero, "memory holds no strong reference");
        Assert.That(table.Contains(new NumberKey(1)), Is.True);
        Assert.That(System.IO.File.Exists(table.EntryPath(new NumberKey(1))), Is.True);
        GC.KeepAlive(model);
    }

    [Test]
    public void While_something_holds_it_a_lazy_result_comes_back_from_its_weak_handle()
    {
        using var store = new TempStore();
        var fileSystem = new CountingFileSystem();
        var table = DiskTables.Fresh(DiskTables.Function<Model>(tag: MemoTags.Lazy), DiskTables.Options(store, fileSystem));
        var compute = new Counted<Model>(Make);
        Model first = DiskTables.Get(table, 1, compute);
        fileSystem.ResetCounters();

        Model second = DiskTables.Get(table, 1, compute);

        Assert.That(second, Is.SameAs(first));
        Assert.That((compute.Calls, table.Statistics.Hits, table.Statistics.DiskLoads), Is.EqualTo((1, 1L, 0L)));
        Assert.That(fileSystem.ReadCalls, Is.Zero);
    }

    [Test]
    public void Once_collected_a_lazy_result_is_reloaded_from_disk()
    {
        using var store = new TempStore();
        var table = DiskTables.Fresh(DiskTables.Function<Model>(tag: MemoTags.Lazy), DiskTables.Options(store));
        var compute = new Counted<Model>(Make);
        WeakReference first = ComputeAndDrop(table, compute);
        for (int i = 0; i < 5 && first.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assume.That(first.IsAlive, Is.False, "the collector let the result go");
        Model reloaded = DiskTables.Get(table, 1, compute);

        Assert.That(compute.Calls, Is.EqualTo(1));
        Assert.That(table.Statistics.DiskLoads, Is.EqualTo(1));
        Assert.That(reloaded.Name, Is.EqualTo("model 1"));
        Assert.That(reloaded.Weights, Is.EqualTo(new[] { 1.0, 2.0 }));
    }

    [Test]
    public void A_lazy_immutable_array_is_held_weakly_through_its_array()
    {
        using var store = new TempStore();
        var table = DiskTables.Fresh(DiskTables.Function<ImmutableArray<double>>(tag: MemoTags.Lazy), DiskTables.Options(store));
        var compute = new Counted<ImmutableArray<double>>(k => [k, k]);
        ImmutableArray<double> first = DiskTables.Get(table, 2, compute);

        ImmutableArray<double> second = DiskTables.Get(table, 2, compute);

        Assert.That(System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(second), Is.SameAs(System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(first)));
        Assert.That(table.Statistics.Entries, Is.Zero);
    }

    [Test]
    public void Invalidating_a_lazy_result_forgets_its_weak_handle_and_its_entry()
    {
        using var store = new TempStore();
        var table = DiskTables.Fresh(DiskTables.Function<Model>(tag: MemoTags.Lazy), DiskTables.Options(store));
        var compute = new Counted<Model>(Make);
        Model first = DiskTables.Get(table, 1, compute);

        Assert.That(table.Invalidate(new NumberKey(1)), Is.True);
        Model second = DiskTables.Get(table, 1, compute);

        Assert.That(second, Is.Not.SameAs(first));
        Assert.That(compute.Calls, Is.EqualTo(2));
    }

    [Test]
    public void Without_a_disk_store_a_lazy_result_is_kept_in_memory()
    {
        var table = new MemoFunction<NumberKey, Model>("lazy_no_store", "v", [MemoTags.Lazy]).TableIn(new MemoContext());
        var compute = new Counted<Model>(Make);

        Model first = DiskTables.Get(table, 1, compute);

        Assert.That(DiskTables.Get(table, 1, compute), Is.SameAs(first));
        Assert.That(table.Statistics.Entries, Is.EqualTo(1));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ComputeAndDrop(MemoTable<NumberKey, Model> table, Counted<Model> compute) =>
        new(DiskTables.Get(table, 1, compute));

    private static Model Make(int key) => new("model " + key, [1.0, 2.0]);
}
