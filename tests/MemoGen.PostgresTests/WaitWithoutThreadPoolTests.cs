using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Support;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>
/// A call waiting for another process's computation blocks its thread (the runtime's miss path is synchronous). When
/// such waiters hold every thread of the pool, as a sweep's workers can on a small machine, their wake-up must not
/// need a thread of the pool: it would come only when the pool adds one.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class WaitWithoutThreadPoolTests : StoreFixture
{
    [Test]
    public void A_waiter_wakes_on_the_notification_while_the_thread_pool_is_exhausted()
    {
        // No slow re-check within the test's patience: only the notification can wake the waiter in time.
        var settings = new PostgresStoreSettings { PollInterval = TimeSpan.FromMinutes(5) };
        PostgresStore holder = OpenStore(settings: settings);
        PostgresStore waiterStore = OpenStore(settings: settings);
        EntryKey key = SweepPoints.Key(7);
        ClaimOutcome claimed = holder.Claim(key, CancellationToken.None);
        Assert.That(claimed.Claim, Is.Not.Null);

        using var waiting = new ManualResetEventSlim();
        waiterStore.Waiting += _ => waiting.Set();
        ClaimOutcome? seen = null;
        var waiter = new Thread(() => seen = waiterStore.Claim(key, CancellationToken.None)) { IsBackground = true };
        waiter.Start();
        Assert.That(waiting.Wait(Patience), Is.True, "the waiter waits for the holder");

        using (ThreadPoolExhaustion.Begin())
        {
            Task<PublishOutcome> publishing = claimed.Claim!.PublishAsync(new MemoryStream(Encoding.UTF8.GetBytes("published")), CancellationToken.None);
            Assert.That(publishing.Wait(Patience), Is.True, "the holder published");
            Assert.That(publishing.Result, Is.EqualTo(PublishOutcome.Kept));
            Assert.That(waiter.Join(Patience), Is.True, "the waiter woke while no thread of the pool was free");
        }

        Assert.That(seen?.Entry, Is.Not.Null, "the waiter found the published entry");
        Assert.That(seen?.Claim, Is.Null, "and did not compute");
    }
}
