using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Disk.Support;
using MemoGen.RuntimeTests.Support;
using MemoGen.Sweeps;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Sweeps;

/// <summary>
/// Sweeps of real tables, called the way generated code calls them: the table itself tells the sweep whether a point
/// was computed, so a point on disk is read once, and nested or shared computations are counted right.
/// </summary>
public sealed class TableSweepTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly MemoFunction<NumberKey, int> s_square = DiskTables.Function<int>("square");
    private static readonly MemoFunction<NumberKey, int> s_outer = DiskTables.Function<int>("outer");

    private TempStore _store = null!;
    private CountingFileSystem _fileSystem = null!;
    private int _computations;

    [SetUp]
    public void CreateStore()
    {
        _store = new TempStore();
        _fileSystem = new CountingFileSystem();
        _computations = 0;
    }

    [TearDown]
    public void DeleteStore() => _store.Dispose();

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_sweep_resumed_from_disk_reads_each_point_as_often_as_a_plain_call_does(bool asynchronous)
    {
        await Sweep(NewContext(), s_square, asynchronous).RunAsync().WaitAsync(Patience);
        Assert.That(_computations, Is.EqualTo(6));

        _fileSystem.ResetCounters();
        MemoContext loop = NewContext();
        for (int n = 1; n <= 6; n++)
        {
            Call(loop, s_square, n);
        }

        long readsByPlainCalls = _fileSystem.ReadCalls;
        _fileSystem.ResetCounters();
        var reports = new ConcurrentQueue<SweepProgress>();
        var resumed = await Sweep(NewContext(), s_square, asynchronous)
            .WithProgress(new RecordingProgress(reports))
            .RunAsync().WaitAsync(Patience);

        Assert.That((resumed.Cached, resumed.Computed, _computations), Is.EqualTo((6, 0, 6)));
        SweepProgress last = reports.Last();
        Assert.That((last.Done, last.Cached, last.Computed), Is.EqualTo((6L, 6L, 0L)), "the last progress report");
        Assert.That(readsByPlainCalls, Is.Positive);
        Assert.That(_fileSystem.ReadCalls, Is.EqualTo(readsByPlainCalls), "no probe of the disk before each point");
    }

    [Test]
    public async Task Points_in_memory_missing_and_forced_are_counted_apart()
    {
        MemoContext context = NewContext();
        Call(context, s_square, 2);
        Call(NewContext(), s_square, 3);

        var results = await Sweep(context, s_square, asynchronous: false)
            .Recompute(p => p.Get<int>("n") == 4)
            .RunAsync().WaitAsync(Patience);

        Assert.That(results.Select(r => r.Outcome), Is.EqualTo(new[]
        {
            SweepOutcome.Computed, SweepOutcome.Cached, SweepOutcome.Cached, SweepOutcome.Computed, SweepOutcome.Computed, SweepOutcome.Computed,
        }));
    }

    [Test]
    public async Task A_point_computed_once_for_two_callers_counts_once()
    {
        MemoContext context = NewContext();
        MemoTable<NumberKey, int> table = s_square.TableIn(context);
        using var bothWaiting = new ManualResetEventSlim();
        var sweep = new Sweep<int>("square", [SweepDimension.Of("n", Values.Of(5, 5))], SweepCalls<int>.Synchronous(
            (values, _) => Call(context, s_square, (int)values[0]!, () => bothWaiting.Wait(Patience)),
            (values, _) => throw new AssertionException("nothing is forced"),
            values => table.Contains(new NumberKey((int)values[0]!)),
            values => table.Invalidate(new NumberKey((int)values[0]!))));

        Task<SweepResults<int>> run = sweep.WithParallelism(2).RunAsync();
        TestTables.WaitUntil(() => table.CountWaitingCallers(new NumberKey(5)) == 2, "the second point joined the first one's computation");
        bothWaiting.Set();
        var results = await run.WaitAsync(Patience);

        Assert.That((results.Computed, results.Cached, _computations), Is.EqualTo((1, 1, 1)));
    }

    [Test]
    public async Task A_computation_that_loads_other_memoized_results_counts_as_computed()
    {
        Call(NewContext(), s_square, 1);
        Call(NewContext(), s_square, 2);
        MemoContext context = NewContext();
        MemoTable<NumberKey, int> outer = s_outer.TableIn(context);
        var sweep = new Sweep<int>("outer", [SweepDimension.Of("n", Values.Of(1, 2))], SweepCalls<int>.Synchronous(
            (values, _) => CallOuter(context, (int)values[0]!),
            (values, _) => throw new AssertionException("nothing is forced"),
            values => outer.Contains(new NumberKey((int)values[0]!)),
            values => outer.Invalidate(new NumberKey((int)values[0]!))));

        var results = await sweep.WithParallelism(1).RunAsync().WaitAsync(Patience);

        Assert.That((results.Computed, results.Cached), Is.EqualTo((2, 0)), "the inner loads from disk are the outer points' business");
        Assert.That(s_square.TableIn(context).Statistics.DiskLoads, Is.EqualTo(2));
    }

    private MemoContext NewContext() => new(DiskTables.Options(_store, _fileSystem));

    private Sweep<int> Sweep(MemoContext context, MemoFunction<NumberKey, int> function, bool asynchronous)
    {
        MemoTable<NumberKey, int> table = function.TableIn(context);
        Func<object?[], bool> isCached = values => table.Contains(new NumberKey((int)values[0]!));
        Func<object?[], bool> invalidate = values => table.Invalidate(new NumberKey((int)values[0]!));
        SweepCalls<int> calls = asynchronous
            ? SweepCalls<int>.Asynchronous(
                (values, token) => new ValueTask<int>(CallAsync(table, (int)values[0]!, token)),
                (values, token) => throw new AssertionException("nothing is forced asynchronously"),
                isCached,
                invalidate)
            : SweepCalls<int>.Synchronous(
                (values, _) => Call(context, function, (int)values[0]!),
                (values, _) => table.Recompute(new NumberKey((int)values[0]!), (self: this, n: (int)values[0]!), static state => state.self.Square(state.n, null)),
                isCached,
                invalidate);
        return new Sweep<int>(function.Name, [SweepDimension.Of("n", Values.Range(1, 6, step: 1))], calls);
    }

    /// <summary>A synchronous memoized call as generated code makes it: a memory hit, or the miss pipeline.</summary>
    private int Call(MemoContext context, MemoFunction<NumberKey, int> function, int n, Action? whileComputing = null)
    {
        var key = new NumberKey(n);
        MemoTable<NumberKey, int> table = function.TableIn(context);
        return table.TryGetValue(key, out int cached)
            ? cached
            : table.GetOrCompute(in key, (self: this, n, whileComputing), static state => state.self.Square(state.n, state.whileComputing));
    }

    /// <summary>An asynchronous memoized call as generated code makes it for a method returning a task.</summary>
    private Task<int> CallAsync(MemoTable<NumberKey, int> table, int n, CancellationToken cancellationToken)
    {
        var key = new NumberKey(n);
        return table.TryGetCompletedTask(key, out Task<int>? cached)
            ? cached
            : table.GetOrComputeTaskAsync(in key, (self: this, n), static async (state, token) =>
            {
                await Task.Yield();
                return state.self.Square(state.n, null);
            }, cancellationToken);
    }

    /// <summary>A memoized function whose computation calls another one (square), loaded from disk.</summary>
    private int CallOuter(MemoContext context, int n)
    {
        var key = new NumberKey(n);
        MemoTable<NumberKey, int> table = s_outer.TableIn(context);
        return table.TryGetValue(key, out int cached)
            ? cached
            : table.GetOrCompute(in key, (self: this, context, n), static state => state.self.Call(state.context, s_square, state.n) + 1);
    }

    private int Square(int n, Action? whileComputing)
    {
        whileComputing?.Invoke();
        Interlocked.Increment(ref _computations);
        return n * n;
    }
}
