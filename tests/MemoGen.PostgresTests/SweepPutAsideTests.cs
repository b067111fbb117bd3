using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Subjects;
using MemoGen.PostgresTests.Support;
using MemoGen.Sweeps;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>A sweep does not idle on a point another process computes: it runs the others first and comes back to it.</summary>
[TestFixture]
public sealed class SweepPutAsideTests : StoreFixture
{
    [Test]
    public async Task A_sweep_runs_the_free_points_before_the_one_another_process_computes()
    {
        await OpenStore().EnsureReadyAsync(CancellationToken.None).WaitAsync(Patience);
        var executed = new ConcurrentQueue<int>();
        using var gate = new ManualResetEventSlim();
        var holder = new GatedPointsContext(SharedOptions(), executed, gate);
        Task held = Task.Run(() => holder.Point(0));
        await WaitUntilAsync(async () => await ScalarAsync<long>("SELECT count(*) FROM memogen.claim") == 1);

        var sweeper = new GatedPointsContext(SharedOptions(), executed, gate);
        Task<SweepResults<System.Collections.Immutable.ImmutableArray<int>>> sweep =
            sweeper.PointMemo.Sweep(point: Values.Of(0, 1, 2, 3)).WithParallelism(1).RunAsync();
        await WaitUntilAsync(() => Task.FromResult(executed.Count == 4));
        gate.Set();
        var results = await sweep.WaitAsync(Patience);
        await held.WaitAsync(Patience);

        // Points 1-3 ran while point 0 was held elsewhere (the gate opened only after they did); 0 ran once, in the holder.
        Assert.That(executed, Is.EquivalentTo(new[] { 0, 1, 2, 3 }));
        Assert.That(results.Select(r => r.Value[0]), Is.EqualTo(new[] { 0, 10, 20, 30 }));
        Assert.That(results.Select(r => r.Outcome), Is.EqualTo(new[] { SweepOutcome.Cached, SweepOutcome.Computed, SweepOutcome.Computed, SweepOutcome.Computed }));
    }

    private MemoOptions SharedOptions()
    {
        var options = new MemoOptions();
        options.SharedTier = new PostgresSharedTier(ConnectionString, options, SharedWorker.FastSettings);
        return options;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
