using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Context;

public sealed class StatisticsTests
{
    [Test]
    public void TotalsAddUpEveryFunction()
    {
        var context = new MemoContext();
        var f = TestTables.Function<IntKey, int>("f").TableIn(context);
        var g = TestTables.Function<IntKey, string>("g").TableIn(context);
        TestTables.Fill(f, 1, 2, 3, 1);
        g.GetOrCompute(new IntKey(1), 0, static _ => "one");
        g.TryGetValue(new IntKey(1), out _);

        MemoStatistics statistics = context.GetStatistics();

        Assert.That(statistics.Functions, Has.Count.EqualTo(2));
        Assert.That(statistics.Functions[0], Is.EqualTo(f.Statistics));
        Assert.That(statistics.Functions[1], Is.EqualTo(g.Statistics));
        Assert.That(statistics.Misses, Is.EqualTo(4));
        Assert.That(statistics.Hits, Is.EqualTo(2));
        Assert.That(statistics.Entries, Is.EqualTo(4));
        Assert.That(statistics.EstimatedBytes, Is.EqualTo(f.Statistics.EstimatedBytes + g.Statistics.EstimatedBytes));
    }

    [Test]
    public void FunctionsSharingANameShareARow()
    {
        var context = new MemoContext();
        var ints = TestTables.Function<IntKey, int>("shared").TableIn(context);
        var longs = TestTables.Function<IntKey, long>("shared").TableIn(context);
        TestTables.Fill(ints, 1);
        longs.GetOrCompute(new IntKey(1), 0, static _ => 1L);

        MemoStatistics statistics = context.GetStatistics();

        Assert.That(statistics.Functions, Has.Count.EqualTo(1));
        Assert.That(statistics.Functions[0].Name, Is.EqualTo("shared"));
        Assert.That(statistics.Functions[0].Entries, Is.EqualTo(2));
        Assert.That(statistics.Functions[0].Misses, Is.EqualTo(2));
    }

    [Test]
    public void ToStringIsATableWithATotal()
    {
        var context = new MemoContext();
        TestTables.Fill(TestTables.Function<IntKey, int>("rms_squared").TableIn(context), 1, 1, 1);

        string text = context.GetStatistics().ToString();

        Assert.That(text, Does.Contain("Function").And.Contain("Hits").And.Contain("Misses"));
        Assert.That(text, Does.Contain("rms_squared").And.Contain("Total"));
        Assert.That(text.Split('\n', System.StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(3));
    }

    [Test]
    public void AnUnusedContextHasNoRows()
    {
        MemoStatistics statistics = new MemoContext().GetStatistics();

        Assert.That(statistics.Functions, Is.Empty);
        Assert.That(statistics.Hits + statistics.Misses + statistics.Entries + statistics.EstimatedBytes, Is.Zero);
    }
}
