using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Context;

public sealed class MemoContextTests
{
    [Test]
    public void AFunctionHasOneTablePerContext()
    {
        var function = TestTables.Function<IntKey, int>();
        var first = new MemoContext();
        var second = new MemoContext();

        MemoTable<IntKey, int> inFirst = function.TableIn(first);

        Assert.That(function.TableIn(first), Is.SameAs(inFirst));
        Assert.That(function.TableIn(second), Is.Not.SameAs(inFirst));
    }

    [Test]
    public void ContextsAreIndependent()
    {
        var function = TestTables.Function<IntKey, int>();
        var first = new MemoContext();
        var second = new MemoContext();
        TestTables.Fill(function.TableIn(first), 1, 2);

        Assert.That(function.TableIn(second).Contains(new IntKey(1)), Is.False);

        TestTables.Fill(function.TableIn(second), 1);
        first.Clear();

        Assert.That(function.TableIn(first).Contains(new IntKey(1)), Is.False);
        Assert.That(function.TableIn(second).Contains(new IntKey(1)), Is.True);
        Assert.That(second.GetStatistics().Entries, Is.EqualTo(1));
    }

    [Test]
    public void ThreadsUsingAFunctionForTheFirstTimeGetOneTable()
    {
        var function = TestTables.Function<IntKey, int>();
        var context = new MemoContext();
        const int threads = 8;
        using var barrier = new Barrier(threads);

        Task<MemoTable<IntKey, int>>[] callers = Enumerable.Range(0, threads)
            .Select(_ => Task.Factory.StartNew(
                () =>
                {
                    barrier.SignalAndWait(TestTables.HangGuard);
                    return function.TableIn(context);
                },
                TaskCreationOptions.LongRunning))
            .ToArray();

        Assert.That(Task.WaitAll(callers, TestTables.HangGuard), Is.True);
        Assert.That(callers.Select(caller => caller.Result), Is.All.SameAs(callers[0].Result));
    }

    [Test]
    public void ManyFunctionsGrowTheContextsTables()
    {
        var context = new MemoContext();
        var functions = Enumerable.Range(0, 50).Select(i => TestTables.Function<IntKey, int>($"f{i}")).ToArray();

        foreach (var function in functions.Reverse())
        {
            TestTables.Fill(function.TableIn(context), 1);
        }

        Assert.That(functions.All(f => f.TableIn(context).Contains(new IntKey(1))), Is.True);
        Assert.That(context.GetStatistics().Entries, Is.EqualTo(50));
    }

    [Test]
    public void ClearRemovesEveryFunctionsEntries()
    {
        var context = new MemoContext();
        var f = TestTables.Function<IntKey, int>("f").TableIn(context);
        var g = TestTables.Function<IntKey, int>("g").TableIn(context);
        TestTables.Fill(f, 1, 2);
        TestTables.Fill(g, 1);

        context.Clear();

        Assert.That(context.GetStatistics().Entries, Is.Zero);
        Assert.That(f.Contains(new IntKey(1)), Is.False);
        Assert.That(g.Contains(new IntKey(1)), Is.False);
    }

    [Test]
    public void ClearByNameReachesEveryFunctionWithThatName()
    {
        var context = new MemoContext();
        var ints = TestTables.Function<IntKey, int>("shared").TableIn(context);
        var strings = TestTables.Function<IntKey, string>("shared").TableIn(context);
        var other = TestTables.Function<IntKey, int>("other").TableIn(context);
        TestTables.Fill(ints, 1, 2);
        strings.GetOrCompute(new IntKey(1), 0, static _ => "one");
        TestTables.Fill(other, 1);

        Assert.That(context.Clear("shared"), Is.EqualTo(3));
        Assert.That(ints.Statistics.Entries, Is.Zero);
        Assert.That(strings.Contains(new IntKey(1)), Is.False);
        Assert.That(other.Contains(new IntKey(1)), Is.True);
        Assert.That(context.Clear("missing"), Is.Zero);
    }

    [Test]
    public void LimitsAreReadWhenTheTableIsCreated()
    {
        var options = new MemoOptions();
        var context = new MemoContext(options);
        var function = TestTables.Function<IntKey, int>("late");
        options.LimitFunction("late", new MemoryLimits(MaxEntries: 1));

        var table = function.TableIn(context);
        TestTables.Fill(table, 1, 2);

        Assert.That(table.Statistics.Entries, Is.EqualTo(1));
        Assert.That(context.Options, Is.SameAs(options));
    }
}
