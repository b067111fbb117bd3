using System;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.HitPath;

/// <summary>The hit path (<c>TableIn</c> then a lookup) must not allocate.</summary>
public sealed class HitPathAllocationTests
{
    private static readonly MemoFunction<IntPairKey, double> s_add = new("add", "v1", []);

    [TestCase(false)]
    [TestCase(true)]
    public void TryGetValueHitsDoNotAllocate(bool bounded)
    {
        var context = new MemoContext(new MemoOptions { MemoryLimits = bounded ? new MemoryLimits(MaxEntries: 100) : MemoryLimits.Unbounded });
        Warm(context);

        long allocated = AllocatedDuring(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                Add(context, 1, 2);
            }
        });

        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void AsynchronousHitsDoNotAllocate()
    {
        var context = new MemoContext();
        Warm(context);
        var key = new IntPairKey(1, 2);
        double sum = 0;
        void Hit()
        {
            MemoTable<IntPairKey, double> table = s_add.TableIn(context);
            ValueTask<double> value = table.GetOrComputeAsync(in key, 0, static (_, _) => new ValueTask<double>(0), CancellationToken.None);
            Task<double> task = table.GetOrComputeTaskAsync(in key, 0, static (_, _) => new ValueTask<double>(0), CancellationToken.None);
            sum += value.Result + task.Result;
        }

        Hit(); // creates the lambdas' delegates and the entry's completed task, once

        long allocated = AllocatedDuring(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                Hit();
            }
        });

        Assert.That(allocated, Is.Zero);
        Assert.That(sum, Is.EqualTo(6006));
    }

    /// <summary>What generated code for <c>[Memoize] double Add(int a, int b)</c> looks like.</summary>
    private static double Add(MemoContext context, int a, int b)
    {
        var table = s_add.TableIn(context);
        var key = new IntPairKey(a, b);
        if (table.TryGetValue(key, out double cached))
        {
            return cached;
        }

        return table.GetOrCompute(in key, (a, b), static s => s.a + (double)s.b);
    }

    private static void Warm(MemoContext context)
    {
        for (int i = 0; i < 100; i++)
        {
            Add(context, 1, 2);
        }
    }

    private static long AllocatedDuring(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
