using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Eviction;

public sealed class ByteLimitTests
{
    private const int Length = 1000;

    [Test]
    public void ArraysAreEvictedOldestFirstToStayUnderTheByteBound()
    {
        long entryBytes = MemoSizeEstimator.EstimateEntry(System.Runtime.CompilerServices.Unsafe.SizeOf<IntKey>(), new double[Length]);
        var table = TestTables.CreateBounded<double[]>(maxBytes: 3 * entryBytes);

        for (int i = 0; i < 3; i++)
        {
            Put(table, i);
        }

        Assert.That(table.Statistics.EstimatedBytes, Is.EqualTo(3 * entryBytes));
        Assert.That(table.Statistics.Evictions, Is.Zero);

        Put(table, 3);

        // Over the bound: evicted down to 90% of it, which leaves room for two arrays.
        Assert.That(table.Statistics.Entries, Is.EqualTo(2));
        Assert.That(table.Statistics.EstimatedBytes, Is.EqualTo(2 * entryBytes));
        Assert.That(table.Statistics.Evictions, Is.EqualTo(2));
        Assert.That(table.Contains(new IntKey(0)), Is.False);
        Assert.That(table.Contains(new IntKey(1)), Is.False);
        Assert.That(table.Contains(new IntKey(2)), Is.True);
        Assert.That(table.Contains(new IntKey(3)), Is.True);
    }

    [Test]
    public void AnEntryLargerThanTheBoundIsReturnedButNotKept()
    {
        var table = TestTables.CreateBounded<double[]>(maxBytes: 1000);

        double[] result = Put(table, 1);

        Assert.That(result, Has.Length.EqualTo(Length));
        Assert.That(table.Contains(new IntKey(1)), Is.False);
        Assert.That(table.Statistics.EstimatedBytes, Is.Zero);
    }

    [Test]
    public void UnboundedTablesStillReportTheirSize()
    {
        var table = TestTables.Create<double[]>();

        Put(table, 1);

        Assert.That(table.Statistics.EstimatedBytes, Is.GreaterThan(Length * sizeof(double)));
    }

    private static double[] Put(MemoTable<IntKey, double[]> table, int value)
    {
        var key = new IntKey(value);
        return table.GetOrCompute(in key, value, static v => new double[Length]);
    }
}
