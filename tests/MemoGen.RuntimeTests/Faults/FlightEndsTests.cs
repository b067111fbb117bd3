using System;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Diagnostics;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Disk.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Faults;

/// <summary>
/// A failing side effect (logging, metrics, storage, a codec out of memory) never fails or hangs the call: the caller
/// and every waiter get the computed value, and the next call of the key works. Every wait has a timeout.
/// </summary>
public sealed class FlightEndsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [TestCaseSource(typeof(FaultCase), nameof(FaultCase.All))]
    public void A_synchronous_call_and_its_waiter_get_the_value_and_the_next_call_works(FaultCase fault)
    {
        using var store = new TempStore();
        MemoTable<NumberKey, int> table = Seeded(fault, store);
        var key = new NumberKey(1);
        using var gate = new ManualResetEventSlim();
        int computations = 0;

        Task<int> first = Task.Run(() => table.GetOrCompute(in key, 0, _ =>
        {
            Interlocked.Increment(ref computations);
            gate.Wait(Timeout);
            return 10;
        }));
        Assert.That(SpinWait.SpinUntil(() => table.CountWaitingCallers(key) == 1 || first.IsCompleted, Timeout), Is.True);
        Task<int> waiter = Task.Run(() => table.GetOrCompute(in key, 0, _ => 20));
        SpinWait.SpinUntil(() => table.CountWaitingCallers(key) == 2 || waiter.IsCompleted || first.IsCompleted, Timeout);
        gate.Set();

        Assert.That(Task.WhenAll(first, waiter).Wait(Timeout), Is.True, "a flight never ended");
        Assert.That((first.Result, waiter.Result), Is.EqualTo((10, 10)).Or.EqualTo((10, 20)));
        Task<int> next = Task.Run(() => table.TryGetValue(key, out int hit) ? hit : table.GetOrCompute(in key, 0, _ => 10));
        Assert.That(next.Wait(Timeout), Is.True, "the key is poisoned");
        Assert.That(next.Result, Is.EqualTo(10));
        Assert.That(table.CountWaitingCallers(key), Is.Zero);
    }

    [TestCaseSource(typeof(FaultCase), nameof(FaultCase.All))]
    public async Task An_asynchronous_call_completes_with_the_value_and_the_next_call_works(FaultCase fault)
    {
        using var store = new TempStore();
        MemoTable<NumberKey, int> table = Seeded(fault, store);
        var key = new NumberKey(1);

        Task<int> first = table.GetOrComputeTaskAsync(in key, 10, Compute, CancellationToken.None);
        Task<int> waiter = table.GetOrComputeTaskAsync(in key, 20, Compute, CancellationToken.None);

        Assert.That(await first.WaitAsync(Timeout), Is.EqualTo(10));
        Assert.That(await waiter.WaitAsync(Timeout), Is.EqualTo(10).Or.EqualTo(20));
        Assert.That(await table.GetOrComputeAsync(in key, 10, Compute, CancellationToken.None).AsTask().WaitAsync(Timeout), Is.EqualTo(10));
    }

    [TestCaseSource(typeof(FaultCase), nameof(FaultCase.All))]
    public async Task Recompute_returns_the_value_synchronously_and_asynchronously(FaultCase fault)
    {
        using var store = new TempStore();
        MemoTable<NumberKey, int> table = Seeded(fault, store);
        var key = new NumberKey(1);

        Task<int> recomputed = Task.Run(() => table.Recompute(in key, 10, static v => v));
        Assert.That(recomputed.Wait(Timeout), Is.True);
        Assert.That(recomputed.Result, Is.EqualTo(10));
        Assert.That(await table.RecomputeAsync(in key, 10, Compute, CancellationToken.None).AsTask().WaitAsync(Timeout), Is.EqualTo(10));
        Assert.That(await table.GetOrComputeAsync(in key, 10, Compute, CancellationToken.None).AsTask().WaitAsync(Timeout), Is.EqualTo(10));
    }

    [Test]
    public void A_throwing_logger_is_counted_as_a_contained_failure()
    {
        var logger = new ThrowingLogger();
        var table = new MemoFunction<NumberKey, int>("f", "v1", []).TableIn(new MemoContext(new MemoOptions { LoggerFactory = logger }));
        long before = MemoMetrics.Failures;
        var key = new NumberKey(1);

        Task<int> call = Task.Run(() => table.GetOrCompute(in key, 0, static _ => 10));

        Assert.That(call.Wait(Timeout), Is.True);
        Assert.That(call.Result, Is.EqualTo(10));
        Assert.That(logger.Attempts, Is.GreaterThan(0), "the trace was attempted");
        Assert.That(MemoMetrics.Failures - before, Is.EqualTo(logger.Attempts), "each failed log counted once");
        Assert.That(table.Statistics.Entries, Is.EqualTo(1), "the value is cached");
    }

    private static async ValueTask<int> Compute(int value, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return value;
    }

    /// <summary>The fault's table; for a read fault, over an entry written first without the fault.</summary>
    private static MemoTable<NumberKey, int> Seeded(FaultCase fault, TempStore store)
    {
        if (fault.Seed is { } seed)
        {
            var clean = new MemoOptions { CacheDirectory = store.Root };
            seed(clean);
            var key = new NumberKey(1);
            new MemoFunction<NumberKey, int>("f", "v1", [fault.Tag]).TableIn(new MemoContext(clean)).GetOrCompute(in key, 0, static _ => 10);
        }

        return fault.Table(fault.Options(store));
    }
}
