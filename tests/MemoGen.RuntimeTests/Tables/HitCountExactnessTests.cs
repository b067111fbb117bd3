using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Diagnostics;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Tables;

/// <summary>Hit counts are exact under contention, with more threads than stripes too, and the <c>memogen.hits</c> metric never goes down.</summary>
public sealed class HitCountExactnessTests
{
    [TestCase(4, 2_000_000)]
    [TestCase(40, 100_000)]
    public void Threads_hammering_one_entry_lose_no_hit(int threads, int hitsPerThread)
    {
        MemoTable<IntKey, int> table = TestTables.Create<int>();
        TestTables.Fill(table, 1);
        var key = new IntKey(1);
        using var start = new Barrier(threads);

        Task[] workers = new Task[threads];
        for (int t = 0; t < threads; t++)
        {
            workers[t] = Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait(TestTables.HangGuard);
                    for (int i = 0; i < hitsPerThread; i++)
                    {
                        table.TryGetValue(key, out _);
                    }
                },
                TaskCreationOptions.LongRunning);
        }

        Assert.That(Task.WaitAll(workers, TestTables.HangGuard), Is.True);
        Assert.That(table.Statistics.Hits, Is.EqualTo((long)threads * hitsPerThread), "more threads than stripes count on the shared atomic counter");
    }

    [Test]
    public void Lookups_that_miss_take_their_provisional_hit_back()
    {
        MemoTable<IntKey, int> table = TestTables.Create<int>();
        TestTables.Fill(table, 1);
        const int Rounds = 200_000;

        Task missing = Task.Factory.StartNew(
            () =>
            {
                for (int i = 0; i < Rounds; i++)
                {
                    table.TryGetValue(new IntKey(2 + (i % 7)), out _);
                }
            },
            TaskCreationOptions.LongRunning);
        for (int i = 0; i < Rounds; i++)
        {
            table.TryGetValue(new IntKey(1), out _);
            table.TryGetValue(new IntKey(-1), out _);
        }

        Assert.That(missing.Wait(TestTables.HangGuard), Is.True);
        Assert.That(table.Statistics.Hits, Is.EqualTo(Rounds), "only the lookups that found the entry count");
    }

    [Test]
    public void The_hits_metric_never_goes_down_while_lookups_miss()
    {
        string name = "misses-" + Guid.NewGuid().ToString("N");
        var table = new MemoFunction<IntKey, int>(name, "v1", []).TableIn(new MemoContext());
        TestTables.Fill(table, 1);
        table.TryGetValue(new IntKey(1), out _);
        using var stop = new CancellationTokenSource();
        Task missing = Task.Factory.StartNew(
            () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    table.TryGetValue(new IntKey(2), out _);
                }
            },
            TaskCreationOptions.LongRunning);

        var decreases = new List<string>();
        long previous = 0;
        for (int i = 0; i < 3_000; i++)
        {
            long observed = ObserveHits(name);
            if (observed < previous)
            {
                decreases.Add($"{previous} -> {observed}");
            }

            previous = Math.Max(previous, observed);
        }

        stop.Cancel();
        Assert.That(missing.Wait(TestTables.HangGuard), Is.True);
        Assert.That(decreases, Is.Empty, "a sum taken while a miss holds its provisional hit is never taken back");
        Assert.That(table.Statistics.Hits, Is.EqualTo(1));
        GC.KeepAlive(table);
    }

    [Test]
    public void The_hits_metric_keeps_the_hits_of_a_context_that_was_collected()
    {
        string name = "hits-" + Guid.NewGuid().ToString("N");
        HitAndDrop(name, hits: 25);
        long before = ObserveHits(name);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        long after = ObserveHits(name);

        Assert.That(before, Is.EqualTo(25));
        Assert.That(after, Is.EqualTo(25), "the count of a collected table is retired, not lost");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void HitAndDrop(string name, int hits)
    {
        var table = new MemoFunction<IntKey, int>(name, "v1", []).TableIn(new MemoContext());
        TestTables.Fill(table, 1);
        for (int i = 0; i < hits; i++)
        {
            table.TryGetValue(new IntKey(1), out _);
        }
    }

    private static long ObserveHits(string name)
    {
        long observed = -1;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MemoMetrics.MeterName && instrument.Name == "memogen.hits")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == MemoMetrics.FunctionTag && Equals(tag.Value, name))
                {
                    observed = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return observed;
    }
}
