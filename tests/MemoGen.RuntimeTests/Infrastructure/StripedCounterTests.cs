using System;
using System.Linq;
using System.Threading.Tasks;
using MemoGen.Infrastructure;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Infrastructure;

public sealed class StripedCounterTests
{
    [Test]
    public void OneThreadCountsExactly()
    {
        var counter = new StripedCounter(Environment.ProcessorCount);

        for (int i = 0; i < 12345; i++)
        {
            counter.Increment();
        }

        Assert.That(counter.Read(), Is.EqualTo(12345));
    }

    [Test]
    public void ConcurrentIncrementsNeverOverCount()
    {
        var counter = new StripedCounter(processorCount: 4);
        const int threads = 4;
        const int perThread = 100_000;

        Task.WaitAll(Enumerable.Range(0, threads).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < perThread; i++)
            {
                counter.Increment();
            }
        })).ToArray());

        Assert.That(counter.Read(), Is.InRange(1, threads * perThread));
    }
}
