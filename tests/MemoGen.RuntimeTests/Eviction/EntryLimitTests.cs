using System.Linq;
using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Eviction;

public sealed class EntryLimitTests
{
    [Test]
    public void TheLeastRecentlyUsedEntryIsEvicted()
    {
        var table = TestTables.CreateBounded<int>(maxEntries: 3);
        TestTables.Fill(table, 1, 2, 3);

        Assert.That(table.TryGetValue(new IntKey(1), out _), Is.True, "touch the oldest entry");
        TestTables.Fill(table, 4);

        Assert.That(table.Contains(new IntKey(1)), Is.True);
        Assert.That(table.Contains(new IntKey(2)), Is.False, "2 is now the least recently used");
        Assert.That(table.Contains(new IntKey(3)), Is.True);
        Assert.That(table.Contains(new IntKey(4)), Is.True);
        Assert.That(table.Statistics.Entries, Is.EqualTo(3));
        Assert.That(table.Statistics.Evictions, Is.EqualTo(1));
    }

    [Test]
    public void WithoutTouchesTheOldestEntryGoesFirst()
    {
        var table = TestTables.CreateBounded<int>(maxEntries: 2);
        TestTables.Fill(table, 1, 2, 3);

        Assert.That(table.Contains(new IntKey(1)), Is.False);
        Assert.That(table.Contains(new IntKey(2)), Is.True);
        Assert.That(table.Contains(new IntKey(3)), Is.True);
    }

    [Test]
    public void EvictionWorksInBatchesDownToNinetyPercentOfTheBound()
    {
        var table = TestTables.CreateBounded<int>(maxEntries: 20);
        TestTables.Fill(table, [.. Enumerable.Range(0, 20)]);
        Assert.That(table.Statistics.Evictions, Is.Zero, "reaching the bound is not exceeding it");

        TestTables.Fill(table, 20);

        Assert.That(table.Statistics.Entries, Is.EqualTo(18));
        Assert.That(table.Statistics.Evictions, Is.EqualTo(3));
        Assert.That(Enumerable.Range(0, 3).Any(i => table.Contains(new IntKey(i))), Is.False, "the three oldest went");
        Assert.That(Enumerable.Range(3, 18).All(i => table.Contains(new IntKey(i))), Is.True);

        TestTables.Fill(table, 21, 22);
        Assert.That(table.Statistics.Evictions, Is.EqualTo(3), "the batch left room for two more");
    }

    [Test]
    public void AnEvictedEntryIsComputedAgain()
    {
        var table = TestTables.CreateBounded<int>(maxEntries: 1);
        TestTables.Fill(table, 1, 2, 1);

        Assert.That(table.Statistics.Misses, Is.EqualTo(3));
        Assert.That(table.Statistics.Evictions, Is.EqualTo(2));
    }

    [Test]
    public void LimitsComeFromTheFunctionsName()
    {
        var options = new MemoOptions().LimitFunction("small", new MemoryLimits(MaxEntries: 1));
        var context = new MemoContext(options);
        var small = TestTables.Function<IntKey, int>("small").TableIn(context);
        var large = TestTables.Function<IntKey, int>("large").TableIn(context);

        TestTables.Fill(small, 1, 2, 3);
        TestTables.Fill(large, 1, 2, 3);

        Assert.That(small.Statistics.Entries, Is.EqualTo(1));
        Assert.That(large.Statistics.Entries, Is.EqualTo(3));
    }
}
