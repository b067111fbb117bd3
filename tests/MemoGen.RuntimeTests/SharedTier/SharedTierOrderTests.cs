using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Disk.Support;
using MemoGen.TestSupport;
using Microsoft.Extensions.Logging;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.SharedTier;

/// <summary>The seam for a shared tier: the order of its calls on a miss, and that its entries and failures stay side effects.</summary>
public sealed class SharedTierOrderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public void A_miss_fetches_claims_computes_writes_publishes_then_releases()
    {
        using var store = new TempStore();
        var shared = new FakeSharedTier();
        var table = Table(store, shared);

        int[] value = Get(table, shared, 7);

        Assert.That(value, Is.EqualTo(new[] { 7, 7 }));
        Assert.That(shared.Calls, Is.EqualTo(new[] { "fetch", "claim", "compute", "publish", "release" }));
        Assert.That(File.Exists(table.EntryPath(new NumberKey(7))), Is.True, "written locally before publishing");
    }

    [Test]
    public async Task An_asynchronous_miss_calls_the_shared_tier_in_the_same_order()
    {
        using var store = new TempStore();
        var shared = new FakeSharedTier();
        var table = Table(store, shared);
        var key = new NumberKey(3);

        int[] value = await table.GetOrComputeAsync(
            in key,
            shared,
            static async (tier, _) =>
            {
                await Task.Yield();
                tier.Record("compute");
                return new[] { 3 };
            },
            CancellationToken.None).AsTask().WaitAsync(Timeout);

        Assert.That(value, Is.EqualTo(new[] { 3 }));
        Assert.That(shared.Calls, Is.EqualTo(new[] { "fetch", "claim", "compute", "publish", "release" }));
    }

    [TestCase(false, "fetch", "claim", "compute", "fail: boom", "release")]
    [TestCase(true, "fetch", "claim", "compute", "release")] // a cancellation is the caller's, not a failure for others
    public void A_failing_computation_is_handed_to_the_shared_tier_then_its_claim_released(bool cancelled, params string[] calls)
    {
        using var store = new TempStore();
        var shared = new FakeSharedTier();
        var table = Table(store, shared);
        var key = new NumberKey(1);
        Exception thrown = cancelled ? new OperationCanceledException("boom") : new InvalidOperationException("boom");

        var caught = Assert.Catch(() => table.GetOrCompute(in key, (shared, thrown), static state =>
        {
            state.shared.Record("compute");
            throw state.thrown;
        }));

        Assert.That(caught, Is.SameAs(thrown));
        Assert.That(shared.Calls, Is.EqualTo(calls));
    }

    [Test]
    public void A_computation_that_failed_elsewhere_fails_the_call_without_computing_and_is_not_cached()
    {
        using var store = new TempStore();
        var elsewhere = new InvalidDataException("failed on another machine");
        var shared = new FakeSharedTier { FailedDuringClaim = elsewhere };
        var table = Table(store, shared);

        var thrown = Assert.Throws<InvalidDataException>(() => Get(table, shared, 6));

        Assert.That(thrown, Is.SameAs(elsewhere));
        Assert.That(shared.Calls, Is.EqualTo(new[] { "fetch", "claim" }), "nothing computed");
        shared.FailedDuringClaim = null;
        Assert.That(Get(table, shared, 6), Is.EqualTo(new[] { 6, 6 }), "the next call computes");
        Assert.That(shared.Calls, Does.Contain("compute"));
    }

    [Test]
    public async Task An_asynchronous_call_whose_computation_failed_elsewhere_gets_the_failure()
    {
        using var store = new TempStore();
        var shared = new FakeSharedTier { FailedDuringClaim = new InvalidDataException("failed on another machine") };
        var table = Table(store, shared);
        var key = new NumberKey(8);

        Task<int[]> call = table.GetOrComputeAsync(in key, shared, static (tier, _) => throw new AssertionException("computed"), CancellationToken.None).AsTask();

        Assert.That(async () => await call.WaitAsync(Timeout), Throws.InstanceOf<InvalidDataException>());
        Assert.That(table.TryGetValue(key, out _), Is.False, "not cached");
    }

    [Test]
    public void Another_machine_gets_the_published_entry_through_its_local_store_without_computing()
    {
        using var first = new TempStore();
        using var second = new TempStore();
        var sharedFirst = new FakeSharedTier();
        Get(Table(first, sharedFirst), sharedFirst, 5);
        var sharedSecond = new FakeSharedTier();
        sharedSecond.CopyFrom(sharedFirst);
        var table = Table(second, sharedSecond);

        Assert.That(Get(table, sharedSecond, 5), Is.EqualTo(new[] { 5, 5 }));
        Assert.That(sharedSecond.Calls, Is.EqualTo(new[] { "fetch" }));
        Assert.That(table.Statistics.DiskLoads, Is.EqualTo(1));
        Assert.That(File.Exists(table.EntryPath(new NumberKey(5))), Is.True, "the fetch committed a local entry");
        Assert.That(Directory.GetFiles(second.Root, "*.tmp", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void A_claim_that_reports_another_holder_published_fetches_instead_of_computing()
    {
        using var first = new TempStore();
        using var second = new TempStore();
        var sharedFirst = new FakeSharedTier();
        Get(Table(first, sharedFirst), sharedFirst, 2);
        var function = DiskTables.Function<int[]>();
        var sharedSecond = new FakeSharedTier
        {
            PublishedDuringClaim = (new SharedEntry(function.Name, function.CodeVersion, MemoKeyHash.Of(new NumberKey(2))), sharedFirst),
        };

        Assert.That(Get(Table(second, sharedSecond), sharedSecond, 2), Is.EqualTo(new[] { 2, 2 }));
        Assert.That(sharedSecond.Calls, Is.EqualTo(new[] { "fetch", "claim", "fetch" }));
    }

    [Test]
    public void A_failing_shared_tier_degrades_to_local_computing_with_a_warning()
    {
        using var store = new TempStore();
        var logger = new ListLogger { MinimumLevel = LogLevel.Warning };
        var shared = new FakeSharedTier { Fault = new IOException("server down") };
        var table = Table(store, shared, logger);

        Assert.That(Get(table, shared, 4), Is.EqualTo(new[] { 4, 4 }));
        Assert.That(shared.Calls, Is.EqualTo(new[] { "fetch", "claim", "compute", "publish" }));
        Assert.That(logger.Messages(LogLevel.Warning), Has.All.Contains("server down"));
        Assert.That(Get(table, shared, 4), Is.EqualTo(new[] { 4, 4 }), "cached in memory");
    }

    private static MemoTable<NumberKey, int[]> Table(TempStore store, FakeSharedTier shared, ListLogger? logger = null)
    {
        MemoOptions options = DiskTables.Options(store, logger: logger);
        options.SharedTier = shared;
        return DiskTables.Fresh(DiskTables.Function<int[]>(), options);
    }

    private static int[] Get(MemoTable<NumberKey, int[]> table, FakeSharedTier shared, int key)
    {
        var memoKey = new NumberKey(key);
        return table.TryGetValue(memoKey, out int[]? cached)
            ? cached
            : table.GetOrCompute(in memoKey, (shared, key), static state =>
            {
                state.shared.Record("compute");
                return new[] { state.key, state.key };
            });
    }
}
