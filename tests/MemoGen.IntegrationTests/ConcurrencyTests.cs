using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.IntegrationTests.Subjects;
using NUnit.Framework;

namespace MemoGen.IntegrationTests;

/// <summary>Single-flight: concurrent callers of one key share one computation, sync and async.</summary>
public sealed class ConcurrencyTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [SetUp]
    public void Reset() => Spectra.Reset();

    [Test]
    public void Concurrent_callers_of_one_key_run_the_implementation_once()
    {
        var sky = new Sky();
        sky.Gate.Reset();
        var map = new MapDescriptor("planck", 16);
        using var start = new Barrier(8);

        var callers = Enumerable.Range(0, 8)
            .Select(_ => Task.Factory.StartNew(() => { start.SignalAndWait(HangGuard); return sky.RmsSquared(map); }, TaskCreationOptions.LongRunning))
            .ToArray();

        // A caller that joins the running computation counts a hit before it waits: 7 hits means every other caller
        // joined while the first one was held at the gate.
        bool allJoined = SpinWait.SpinUntil(() => sky.GetStatistics().Hits == 7, HangGuard);
        sky.Gate.Set();
        Assert.That(allJoined, Is.True, $"7 callers joined the running computation; hits: {sky.GetStatistics().Hits}, computations started: {sky.RmsCalls}");

        Assert.That(Task.WaitAll(callers, HangGuard), Is.True);
        Assert.That(sky.RmsCalls, Is.EqualTo(1));
        Assert.That(callers.Select(c => c.Result.Length).Distinct(), Is.EqualTo(new[] { 16 }));
    }

    [Test]
    public async Task Concurrent_async_callers_share_one_computation()
    {
        var context = new MemoContext();
        Spectra.Release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var samples = new[] { 1.0, 5.0, 2.0 };

        var callers = Enumerable.Range(0, 5).Select(_ => Spectra.FrobnifyAsync(context, samples, null, CancellationToken.None)).ToArray();
        Spectra.Release.SetResult();
        var results = await Task.WhenAll(callers).WaitAsync(HangGuard);

        Assert.That(Spectra.Calls, Is.EqualTo(1));
        Assert.That(results.Select(r => r.Peak), Is.All.EqualTo(5.0));
        Assert.That(results.Distinct().Count(), Is.EqualTo(1), "every caller receives the one cached value");
    }

    [Test]
    public async Task A_hit_on_a_task_method_returns_a_completed_task()
    {
        var context = new MemoContext();
        var samples = new[] { 3.0 };
        await Spectra.FrobnifyAsync(context, samples, null, CancellationToken.None);

        var hit = Spectra.FrobnifyAsync(context, new[] { 3.0 }, null, CancellationToken.None);

        Assert.That(hit.IsCompletedSuccessfully, Is.True);
        Assert.That(Spectra.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task Cancelling_one_waiter_leaves_the_shared_computation_running_for_the_others()
    {
        var context = new MemoContext();
        Spectra.Release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var samples = new[] { 7.0 };
        using var cancelled = new CancellationTokenSource();

        var quitter = Spectra.FrobnifyAsync(context, samples, null, cancelled.Token);
        var stayer = Spectra.FrobnifyAsync(context, samples, null, CancellationToken.None);
        await cancelled.CancelAsync();

        Assert.That(async () => await quitter.WaitAsync(HangGuard), Throws.InstanceOf<OperationCanceledException>());
        Spectra.Release.SetResult();
        Assert.That((await stayer.WaitAsync(HangGuard)).Peak, Is.EqualTo(7.0));
        Assert.That(Spectra.TokenCancellations, Is.Zero, "the computation's token was not cancelled");
        Assert.That(Spectra.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task When_every_waiter_cancels_the_computation_is_cancelled_and_not_cached()
    {
        var context = new MemoContext();
        Spectra.Release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var samples = new[] { 9.0 };
        using var cancelled = new CancellationTokenSource();

        var only = Spectra.FrobnifyAsync(context, samples, null, cancelled.Token);
        await cancelled.CancelAsync();

        Assert.That(async () => await only.WaitAsync(HangGuard), Throws.InstanceOf<OperationCanceledException>());
        SpinWait.SpinUntil(() => Spectra.TokenCancellations == 1, HangGuard);
        Assert.That(Spectra.TokenCancellations, Is.EqualTo(1));
        Assert.That(Spectra.FrobnifyAsyncMemo(context).IsCached(samples), Is.False);

        Spectra.Release.SetResult();
        Assert.That((await Spectra.FrobnifyAsync(context, samples, null, CancellationToken.None)).Peak, Is.EqualTo(9.0));
        Assert.That(Spectra.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task A_value_task_method_converts_its_list_and_caches_it()
    {
        var context = new MemoContext();

        var first = await Spectra.RangeAsync(context, 3, 4);
        var second = await Spectra.RangeAsync(context, 3, 4);

        Assert.That(first, Is.EqualTo(new[] { 3, 4, 5, 6 }));
        Assert.That(second, Is.SameAs(first));
        Assert.That(Spectra.Calls, Is.EqualTo(1));
        Assert.That(first, Is.Not.InstanceOf<System.Collections.Generic.List<int>>(), "callers cannot cast back to the mutable list");
    }
}
