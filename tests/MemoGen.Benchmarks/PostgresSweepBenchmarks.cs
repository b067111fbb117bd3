using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using MemoGen.Sweeps;
using MemoGen.PostgresTests.Support;

namespace MemoGen.Benchmarks;

/// <summary>
/// Workers (each with its own options: its own store, lock session and listener, as separate processes would have)
/// sweeping 100 points that each take 50 ms, every worker in its own order, through a fresh database per iteration.
/// Target: 4 workers at most 0.3x one worker's time (the ideal is 100 x 50 / 4 = 1250 ms), exactly 100 executions.
/// Run as a single-shot measurement: <c>--strategy Monitoring --warmupCount 1 --iterationCount 3</c>.
/// </summary>
public class PostgresSweepBenchmarks
{
    private const int Points = 100;
    private PostgresServer? _server;
    private MemoOptions[] _workers = [];
    private int _iteration;

    [Params(1, 4)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void Setup() => _server = PostgresBenchContext.StartServer();

    [GlobalCleanup]
    public void Cleanup() => _server?.Dispose();

    [IterationSetup]
    public void NewDatabase()
    {
        string connectionString = PostgresBenchContext.NewDatabase(_server!, $"sweep_{Workers}_{Interlocked.Increment(ref _iteration)}");
        _workers = Enumerable.Range(0, Workers).Select(_ => PostgresBenchContext.SharedOptions(connectionString)).ToArray();
        PostgresBenchContext.PointExecutions.Clear();
    }

    [IterationCleanup]
    public void CheckExecutions()
    {
        // Each worker's store holds its connections until disposed; iterations would otherwise exhaust the server's.
        foreach (MemoOptions worker in _workers)
        {
            ((Postgres.PostgresSharedTier)worker.SharedTier!).Store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        int executions = PostgresBenchContext.PointExecutions.Values.Sum();
        if (executions != Points || PostgresBenchContext.PointExecutions.Count != Points)
        {
            throw new InvalidOperationException($"{executions} executions over {PostgresBenchContext.PointExecutions.Count} points; expected exactly {Points}.");
        }
    }

    /// <summary>Every worker runs the same sweep, in the same order, as N processes started with one sweep do (one thread each).</summary>
    [Benchmark]
    public void SameSweep() => Task.WaitAll(_workers.Select(options => Task.Factory.StartNew(
        () => new PostgresBenchContext(options).PointMemo.Sweep(point: Values.Of(Enumerable.Range(0, Points).ToArray())).WithParallelism(1).RunAsync().GetAwaiter().GetResult(),
        TaskCreationOptions.LongRunning)).ToArray());

    /// <summary>Every worker calls the points one after the other, each worker in its own random order.</summary>
    [Benchmark]
    public void Sweep() => Task.WaitAll(_workers.Select((options, seed) => Task.Factory.StartNew(
        () =>
        {
            var context = new PostgresBenchContext(options);
            var random = new Random(seed);
            foreach (int point in Enumerable.Range(0, Points).OrderBy(_ => random.Next()).ToArray())
            {
                context.Point(point);
            }
        },
        TaskCreationOptions.LongRunning)).ToArray());
}
