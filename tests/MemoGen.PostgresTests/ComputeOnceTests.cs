using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Support;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>Workers with their own connections (as separate processes would have) compute each key once between them.</summary>
[TestFixture]
public sealed class ComputeOnceTests : StoreFixture
{
    [Test]
    public async Task Workers_over_one_space_compute_each_point_once()
    {
        const int Workers = 4;
        const int Points = 60;
        var executions = new ConcurrentDictionary<int, int>();
        PostgresStore[] stores = Enumerable.Range(0, Workers).Select(_ => OpenStore()).ToArray();

        async Task Sweep(PostgresStore store, int seed)
        {
            foreach (int point in Enumerable.Range(0, Points).OrderBy(_ => Random.Shared.Next()).ToArray())
            {
                byte[] value = await SharedWorker.GetOrComputeAsync(store, PointKey(point), async token =>
                {
                    executions.AddOrUpdate(point, 1, (_, n) => n + 1);
                    await Task.Delay(5, token);
                    return Payload(point);
                }, CancellationToken.None);
                Assert.That(value, Is.EqualTo(Payload(point)), $"worker {seed}, point {point}");
            }
        }

        await Task.WhenAll(stores.Select((store, i) => Task.Run(() => Sweep(store, i)))).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.That(executions.Keys.Order(), Is.EqualTo(Enumerable.Range(0, Points)));
        Assert.That(executions.Where(e => e.Value != 1).Select(e => $"point {e.Key}: {e.Value}"), Is.Empty);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.entry"), Is.EqualTo(Points));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.claim"), Is.Zero);
    }

    [Test]
    public async Task A_failure_reaches_every_waiter_and_is_not_cached()
    {
        PostgresStore holder = OpenStore();
        ClaimOutcome claimed = await holder.ClaimAsync(PointKey(1), CancellationToken.None).WaitAsync(Patience);
        Assert.That(claimed.Claim, Is.Not.Null);
        var waiting = new CountdownEvent(3);
        Task<byte[]>[] waiters = Enumerable.Range(0, 3).Select(_ => OpenStore()).Select(store =>
        {
            store.Waiting += _ => waiting.Signal();
            return SharedWorker.GetOrComputeAsync(store, PointKey(1), _ => throw new AssertionException("a waiter computed"), CancellationToken.None);
        }).ToArray();
        Assert.That(waiting.Wait(Patience), Is.True, "the three waiters wait");

        await claimed.Claim!.FailAsync(new InvalidOperationException("boom at point 1")).WaitAsync(Patience);

        foreach (Task<byte[]> waiter in waiters)
        {
            var failure = Assert.ThrowsAsync<MemoSharedComputationException>(() => waiter.WaitAsync(Patience));
            Assert.That(failure!.Message, Does.Contain("boom at point 1").And.Contain("InvalidOperationException"));
            Assert.That((failure.ErrorType, failure.ErrorMessage), Is.EqualTo(("System.InvalidOperationException", "boom at point 1")));
        }

        byte[] retried = await SharedWorker.GetOrComputeAsync(OpenStore(), PointKey(1), _ => Task.FromResult(Payload(1)), CancellationToken.None).WaitAsync(Patience);
        Assert.That(retried, Is.EqualTo(Payload(1)));
    }

    [Test]
    public async Task Two_code_versions_never_serve_each_others_entries()
    {
        PostgresStore store = OpenStore();
        EntryKey v1 = PointKey(3);
        EntryKey v2 = v1 with { CodeVersion = "v2" };
        await SharedWorker.GetOrComputeAsync(store, v1, _ => Task.FromResult(Encoding.UTF8.GetBytes("from v1")), CancellationToken.None).WaitAsync(Patience);

        byte[] second = await SharedWorker.GetOrComputeAsync(OpenStore(), v2, _ => Task.FromResult(Encoding.UTF8.GetBytes("from v2")), CancellationToken.None).WaitAsync(Patience);
        byte[] first = await SharedWorker.GetOrComputeAsync(OpenStore(), v1, _ => throw new AssertionException("v1 computed again"), CancellationToken.None).WaitAsync(Patience);

        Assert.That(Encoding.UTF8.GetString(second), Is.EqualTo("from v2"));
        Assert.That(Encoding.UTF8.GetString(first), Is.EqualTo("from v1"));
    }

    [Test]
    public async Task A_holder_whose_session_is_killed_is_taken_over_and_fenced_out()
    {
        PostgresStore holder = OpenStore();
        ClaimOutcome claimed = await holder.ClaimAsync(PointKey(5), CancellationToken.None).WaitAsync(Patience);
        int executions = 1; // the holder is mid-computation
        var waiting = new TaskCompletionSource();
        PostgresStore takerStore = OpenStore();
        takerStore.Waiting += _ => waiting.TrySetResult();
        Task<byte[]> taker = SharedWorker.GetOrComputeAsync(takerStore, PointKey(5), _ =>
        {
            Interlocked.Increment(ref executions);
            return Task.FromResult(Encoding.UTF8.GetBytes("taker"));
        }, CancellationToken.None);
        await waiting.Task.WaitAsync(Patience);
        Assert.That(taker.IsCompleted, Is.False, "the taker waits while the holder's session lives");

        Assert.That(await ScalarAsync<bool>("SELECT pg_terminate_backend(session_pid) FROM memogen.claim"), Is.True);
        byte[] taken = await taker.WaitAsync(Patience);
        PublishOutcome published = await claimed.Claim!.PublishAsync(new System.IO.MemoryStream(Encoding.UTF8.GetBytes("holder")), CancellationToken.None).WaitAsync(Patience);

        Assert.That(Encoding.UTF8.GetString(taken), Is.EqualTo("taker"));
        Assert.That(published, Is.EqualTo(PublishOutcome.Failed), "the killed holder must not publish");
        Assert.That(executions, Is.EqualTo(2), "at most one extra execution");
        byte[] kept = await SharedWorker.GetOrComputeAsync(OpenStore(), PointKey(5), _ => throw new AssertionException("computed a third time"), CancellationToken.None).WaitAsync(Patience);
        Assert.That(Encoding.UTF8.GetString(kept), Is.EqualTo("taker"));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.entry"), Is.EqualTo(1));
    }

    private static EntryKey PointKey(int point) => SweepPoints.Key(point);

    private static byte[] Payload(int point) => SweepPoints.Payload(point);
}
