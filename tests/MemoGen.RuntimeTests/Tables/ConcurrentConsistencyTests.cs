using System;
using System.Linq;
using System.Threading;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Tables;

/// <summary>Concurrent lookups, invalidations, recomputations and evictions leave counters that match the table.</summary>
public sealed class ConcurrentConsistencyTests
{
    private const int Keys = 200;

    [TestCase(null)]
    [TestCase(50L)]
    public void CountersMatchTheEntriesOnceTheThreadsStop(long? maxEntries)
    {
        var table = TestTables.CreateBounded<int>(maxEntries: maxEntries);
        const int threads = 4;
        using var barrier = new Barrier(threads);
        int wrongValues = 0;

        var workers = Enumerable.Range(0, threads).Select(seed => new Thread(() =>
        {
            var random = new Random(seed);
            barrier.SignalAndWait(TestTables.HangGuard);
            for (int i = 0; i < 20_000; i++)
            {
                var key = new IntKey(random.Next(Keys));
                switch (random.Next(100))
                {
                    case < 80:
                        if (Get(table, key) != key.Value * 10)
                        {
                            Interlocked.Increment(ref wrongValues);
                        }

                        break;
                    case < 90:
                        table.Invalidate(in key);
                        break;
                    case < 99:
                        table.Recompute(in key, key.Value, static v => v * 10);
                        break;
                    default:
                        table.Clear();
                        break;
                }
            }
        })).ToArray();

        foreach (Thread worker in workers)
        {
            worker.Start();
        }

        foreach (Thread worker in workers)
        {
            Assert.That(worker.Join(TestTables.HangGuard), Is.True);
        }

        Assert.That(wrongValues, Is.Zero);
        int present = Enumerable.Range(0, Keys).Count(i => table.Contains(new IntKey(i)));
        MemoFunctionStatistics statistics = table.Statistics;
        Assert.That(statistics.Entries, Is.EqualTo(present));
        Assert.That(statistics.EstimatedBytes, Is.EqualTo(present * MemoSizeEstimator.EstimateEntry(System.Runtime.CompilerServices.Unsafe.SizeOf<IntKey>(), 0)));
        Assert.That(statistics.Entries, Is.LessThanOrEqualTo(maxEntries ?? Keys));
    }

    private static int Get(MemoTable<IntKey, int> table, IntKey key) =>
        table.TryGetValue(key, out int cached) ? cached : table.GetOrCompute(in key, key.Value, static v => v * 10);
}
