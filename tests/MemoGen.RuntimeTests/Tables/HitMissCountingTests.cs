using System.Threading;
using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Tables;

public sealed class HitMissCountingTests
{
    [Test]
    public void FirstCallIsAMissLaterCallsAreHits()
    {
        var table = TestTables.Create<int>();
        var key = new IntKey(3);

        Assert.That(table.TryGetValue(key, out _), Is.False);
        Assert.That(table.GetOrCompute(in key, 3, static v => v * 2), Is.EqualTo(6));
        for (int i = 0; i < 3; i++)
        {
            Assert.That(table.TryGetValue(key, out int cached), Is.True);
            Assert.That(cached, Is.EqualTo(6));
        }

        var statistics = table.Statistics;
        Assert.That(statistics.Misses, Is.EqualTo(1));
        Assert.That(statistics.Hits, Is.EqualTo(3));
        Assert.That(statistics.Entries, Is.EqualTo(1));
    }

    [Test]
    public void Hits_from_many_threads_one_after_another_are_all_counted()
    {
        // Each thread counts on the stripe its stack maps to; the statistics must sum every stripe.
        var table = TestTables.Create<int>();
        var key = new IntKey(5);
        table.GetOrCompute(in key, 5, static v => v);
        const int threads = 32;
        const int hitsPerThread = 1_000;

        for (int t = 0; t < threads; t++)
        {
            var worker = new Thread(() =>
            {
                for (int i = 0; i < hitsPerThread; i++)
                {
                    table.TryGetValue(key, out int _);
                }
            });
            worker.Start();
            Assert.That(worker.Join(TestTables.HangGuard), Is.True, "the worker finished");
        }

        Assert.That(table.Statistics.Hits, Is.EqualTo(threads * hitsPerThread));
    }

    [Test]
    public void ComputeRunsOncePerKey()
    {
        var table = TestTables.Create<int>();
        int calls = 0;

        for (int round = 0; round < 3; round++)
        {
            for (int value = 0; value < 5; value++)
            {
                var key = new IntKey(value);
                int result = table.TryGetValue(key, out int cached)
                    ? cached
                    : table.GetOrCompute(in key, value, v => { calls++; return v + 100; });
                Assert.That(result, Is.EqualTo(value + 100));
            }
        }

        Assert.That(calls, Is.EqualTo(5));
        Assert.That(table.Statistics.Misses, Is.EqualTo(5));
        Assert.That(table.Statistics.Hits, Is.EqualTo(10));
    }

    [Test]
    public void GetOrComputeCountsAHitWhenTheValueIsAlreadyThere()
    {
        var table = TestTables.Create<int>();
        var key = new IntKey(1);
        table.GetOrCompute(in key, 0, static _ => 1);

        Assert.That(table.GetOrCompute(in key, 0, static _ => 2), Is.EqualTo(1));
        Assert.That(table.Statistics.Hits, Is.EqualTo(1));
        Assert.That(table.Statistics.Misses, Is.EqualTo(1));
    }

    [Test]
    public void KeysWithSeveralPartsAreComparedWhole()
    {
        var table = TestTables.Function<IntPairKey, int>("add").TableIn(new MemoContext());
        var oneTwo = new IntPairKey(1, 2);
        var twoOne = new IntPairKey(2, 1);

        Assert.That(table.GetOrCompute(in oneTwo, (1, 2), static s => s.Item1 * 10 + s.Item2), Is.EqualTo(12));
        Assert.That(table.GetOrCompute(in twoOne, (2, 1), static s => s.Item1 * 10 + s.Item2), Is.EqualTo(21));
        Assert.That(table.Statistics.Misses, Is.EqualTo(2));
    }
}
