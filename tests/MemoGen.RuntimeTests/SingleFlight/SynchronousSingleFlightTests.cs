using System;
using System.IO;
using System.Linq;
using System.Threading;
using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.SingleFlight;

public sealed class SynchronousSingleFlightTests
{
    private const int Callers = 8;

    [Test]
    public void ManyThreadsReleasedTogetherRunTheComputationOnce()
    {
        var table = TestTables.Create<int>();
        var key = new IntKey(7);
        int calls = 0;

        // The computation lasts until every caller has joined it, so each one either joins it or comes after it.
        int[] results = RunTogether(() => table.GetOrCompute(in key, 0, _ =>
        {
            Interlocked.Increment(ref calls);
            TestTables.WaitUntil(() => table.CountWaitingCallers(in key) == Callers, "every caller waits");
            return 42;
        }));

        Assert.That(calls, Is.EqualTo(1));
        Assert.That(results, Is.All.EqualTo(42));
        Assert.That(table.Statistics.Misses, Is.EqualTo(1));
        Assert.That(table.Statistics.Entries, Is.EqualTo(1));
    }

    [Test]
    public void AnExceptionReachesEveryWaiterAndIsNotCached()
    {
        var table = TestTables.Create<int>();
        var key = new IntKey(7);
        var failure = new InvalidDataException("boom");
        int calls = 0;

        Exception?[] caught = RunTogether<Exception?>(() =>
        {
            try
            {
                table.GetOrCompute(in key, 0, _ =>
                {
                    Interlocked.Increment(ref calls);
                    TestTables.WaitUntil(() => table.CountWaitingCallers(in key) == Callers, "every caller waits");
                    throw failure;
                });
                return null;
            }
            catch (Exception exception)
            {
                return exception;
            }
        });

        Assert.That(calls, Is.EqualTo(1));
        Assert.That(caught, Is.All.SameAs(failure));
        Assert.That(table.Contains(in key), Is.False);
        Assert.That(table.Statistics.Entries, Is.Zero);

        Assert.That(table.GetOrCompute(in key, 0, _ => ++calls), Is.EqualTo(2), "a later call computes again");
    }

    [Test]
    public void DifferentKeysComputeIndependently()
    {
        var table = TestTables.Create<int>();
        int calls = 0;
        int next = -1;

        int[] results = RunTogether(() =>
        {
            int value = Interlocked.Increment(ref next);
            var key = new IntKey(value);
            return table.GetOrCompute(in key, value, v => { Interlocked.Increment(ref calls); return v; });
        });

        Assert.That(calls, Is.EqualTo(Callers));
        Assert.That(results.Order(), Is.EqualTo(Enumerable.Range(0, Callers)));
    }

    private static T[] RunTogether<T>(Func<T> call)
    {
        using var barrier = new Barrier(Callers);
        var results = new T[Callers];
        var threads = Enumerable.Range(0, Callers).Select(i => new Thread(() =>
        {
            barrier.SignalAndWait(TestTables.HangGuard);
            results[i] = call();
        })).ToArray();

        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            Assert.That(thread.Join(TestTables.HangGuard), Is.True, "a caller hung");
        }

        return results;
    }
}
