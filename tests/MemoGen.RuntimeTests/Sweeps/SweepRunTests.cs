using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Sweeps;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Sweeps;

public sealed class SweepRunTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Results_come_back_in_point_order_with_the_last_dimension_fastest()
    {
        var memo = new FakeMemo();
        var results = await memo.Sweep(Values.Of(1, 2, 3), Values.Of(10.0, 20.0)).WithParallelism(3).RunAsync().WaitAsync(Patience);

        Assert.That(results.Select(r => r.Point.ToString()), Is.EqualTo(new[]
        {
            "a=1, b=10", "a=1, b=20", "a=2, b=10", "a=2, b=20", "a=3, b=10", "a=3, b=20",
        }));
        Assert.That(results.Select(r => r.Value), Is.EqualTo(new[] { 10.0, 20.0, 20.0, 40.0, 30.0, 60.0 }));
        Assert.That(results.Select(r => r.Point.Index), Is.EqualTo(Enumerable.Range(0, 6)));
    }

    [Test]
    public async Task Progress_totals_add_up_in_every_report()
    {
        var memo = new FakeMemo();
        await memo.Sweep(Values.Of(1), Values.Of(1.0, 2.0, 3.0)).RunAsync().WaitAsync(Patience);
        memo.BeforeCompute = (a, b, _) =>
        {
            if (b < 0)
            {
                throw new InvalidOperationException("negative");
            }
        };
        var reports = new ConcurrentQueue<SweepProgress>();

        var results = await memo.Sweep(Values.Of(1, 2), Values.Of(1.0, 2.0, 3.0, -1.0))
            .WithParallelism(2)
            .WithProgress(new RecordingProgress(reports))
            .RunAsync().WaitAsync(Patience);

        Assert.That(reports, Has.Count.EqualTo(9), "one at the start, one per point");
        Assert.That(reports.Select(r => r.Done), Is.EqualTo(Enumerable.Range(0, 9)), "reported in order, under the counters' lock");
        Assert.That(reports, Has.All.Matches<SweepProgress>(r => r.Total == 8 && r.Done == r.Cached + r.Computed + r.Failed));
        Assert.That(reports.Last(), Is.EqualTo(reports.Last() with { Done = 8, Cached = 3, Computed = 3, Failed = 2 }));
        Assert.That(reports.First().EstimatedRemaining, Is.Null);
        Assert.That(reports.Last().EstimatedRemaining, Is.EqualTo(TimeSpan.Zero));
        Assert.That((results.Cached, results.Computed, results.Failed), Is.EqualTo((3, 3, 2)));
    }

    [Test]
    public async Task A_failing_point_is_reported_and_the_rest_completes_asynchronously_too()
    {
        var memo = new FakeMemo { BeforeCompute = (a, _, _) => { if (a == 2) throw new InvalidOperationException($"bad a={a}"); } };

        var results = await memo.SweepAsync(Values.Of(1, 2, 3), Values.Of(1.0)).RunAsync().WaitAsync(Patience);

        Assert.That(results.Select(r => r.Outcome), Is.EqualTo(new[] { SweepOutcome.Computed, SweepOutcome.Failed, SweepOutcome.Computed }));
        Assert.That(results[1].Error!.Message, Is.EqualTo("bad a=2"));
        Assert.That(results[1].Succeeded, Is.False);
    }

    [Test]
    public async Task Cancellation_stops_starting_points_and_a_new_run_resumes()
    {
        var memo = new FakeMemo();
        using var cancel = new CancellationTokenSource();
        memo.BeforeCompute = (a, _, _) =>
        {
            if (a == 3)
            {
                cancel.Cancel();
            }
        };
        var sweep = memo.Sweep(Values.Range(1, 10, step: 1), Values.Of(0.5)).WithParallelism(1);

        Assert.That(async () => await sweep.RunAsync(cancel.Token).WaitAsync(Patience), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(memo.Computations, Is.EqualTo(3), "the point in flight finishes; none starts after");

        memo.BeforeCompute = static (_, _, _) => { };
        var resumed = await sweep.RunAsync().WaitAsync(Patience);
        Assert.That((resumed.Cached, resumed.Computed, memo.Computations), Is.EqualTo((3, 7, 10)));
    }

    [Test]
    public async Task A_point_that_honours_the_token_is_abandoned_not_failed()
    {
        var memo = new FakeMemo();
        using var cancel = new CancellationTokenSource();
        using var started = new SemaphoreSlim(0);
        memo.BeforeCompute = (_, _, token) =>
        {
            started.Release();
            Task.Delay(Patience, token).Wait(token);
        };
        Task<SweepResults<double>> run = memo.SweepAsync(Values.Of(1, 2), Values.Of(1.0)).WithParallelism(1).RunAsync(cancel.Token);

        Assert.That(await started.WaitAsync(Patience), Is.True);
        await cancel.CancelAsync();
        Assert.That(async () => await run.WaitAsync(Patience), Throws.InstanceOf<OperationCanceledException>());
        Assert.That((memo.Computations, memo.Store.Count), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task No_point_runs_twice_and_parallelism_is_bounded()
    {
        var memo = new FakeMemo();
        int running = 0, peak = 0;
        memo.BeforeCompute = (_, _, _) =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            Thread.Sleep(2);
            Interlocked.Decrement(ref running);
        };

        var results = await memo.Sweep(Values.Range(1, 40, step: 1), Values.Of(1.0)).WithParallelism(3).RunAsync().WaitAsync(Patience);

        Assert.That((results.Computed, memo.Computations), Is.EqualTo((40, 40)));
        Assert.That(peak, Is.InRange(1, 3));
    }

    [Test]
    public void Options_are_checked_and_each_returns_a_new_sweep()
    {
        var sweep = new FakeMemo().Sweep(Values.Of(1, 2), Values.Of(1.0, 2.0, 3.0));

        Assert.That(() => sweep.WithParallelism(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(sweep.WithParallelism(2).MaxDegreeOfParallelism, Is.EqualTo(2));
        Assert.That(sweep.MaxDegreeOfParallelism, Is.EqualTo(Environment.ProcessorCount));
        Assert.That(sweep.StopOnFirstFailure().StopsOnFirstFailure, Is.True);
        Assert.That(sweep.Count, Is.EqualTo(6));
        Assert.That(sweep.ToString(), Is.EqualTo("fake over a[2] × b[3] = 6 points"));
        Assert.That(() => sweep.PointAt(6), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(sweep.PointAt(5).Get<double>("b"), Is.EqualTo(3.0));
        Assert.That(() => sweep.PointAt(0)["c"], Throws.InstanceOf<System.Collections.Generic.KeyNotFoundException>().With.Message.Contains("a, b"));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
