using System;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using MemoGen.Sweeps;

namespace MemoGen.Benchmarks;

/// <summary>
/// Resuming a 10,000-point sweep whose points are all on disk, from a fresh context (target: at most 50 µs per point,
/// so at most 500 ms per operation), against the same 10,000 disk hits called one by one in a loop; and the sweep of
/// the same points all in memory, which is what the runner itself costs per point.
/// </summary>
[MemoryDiagnoser]
public class SweepResumeBenchmarks
{
    private const int Side = 100;
    private MemoOptions _options = new();
    private DiskBenchContext _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        _options = new MemoOptions { CacheDirectory = DiskBenchContext.NewFolder("sweep-resume") };
        _warm = new DiskBenchContext(_options);
        var results = Sweep(_warm).RunAsync().GetAwaiter().GetResult();
        if (results.Computed != Side * Side)
        {
            throw new InvalidOperationException($"The setup computed {results.Computed} points.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_options.CacheDirectory!, recursive: true);

    [Benchmark(Baseline = true, OperationsPerInvoke = Side * Side)]
    public double LoopOfDiskHits()
    {
        var context = new DiskBenchContext(_options);
        double sum = 0;
        for (int a = 1; a <= Side; a++)
        {
            for (int b = 1; b <= Side; b++)
            {
                sum += context.Small(a, b).Value;
            }
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Side * Side)]
    public int ResumeSweepFromDisk()
    {
        var results = Sweep(new DiskBenchContext(_options)).RunAsync().GetAwaiter().GetResult();
        return results.Cached == Side * Side ? results.Count : throw new InvalidOperationException($"{results.Computed} points were computed.");
    }

    [Benchmark(OperationsPerInvoke = Side * Side)]
    public int SweepOfMemoryHits()
    {
        var results = Sweep(_warm).RunAsync().GetAwaiter().GetResult();
        return results.Cached == Side * Side ? results.Count : throw new InvalidOperationException($"{results.Computed} points were computed.");
    }

    private static Sweep<Ratio> Sweep(DiskBenchContext context) =>
        context.SmallMemo.Sweep(a: Values.Range(1, Side, step: 1), b: Values.Range(1, Side, step: 1));
}

/// <summary>
/// A CPU-bound sweep (32 points of about 4 ms) on two workers against one (target: at least 1.8 times faster), and the
/// same orbits on two threads without MemoGen: what the machine gives two threads at the time of the run.
/// </summary>
public class SweepParallelBenchmarks
{
    private const int Points = 32;
    private const int Iterations = 2_000_000;

    [Benchmark(Baseline = true)]
    public int OneWorker() => Run(1);

    [Benchmark]
    public int TwoWorkers() => Run(2);

    [Benchmark]
    public double TwoThreadsWithoutMemoGen()
    {
        Task<double> odd = Task.Run(() => Orbits(first: 1)), even = Task.Run(() => Orbits(first: 2));
        return odd.GetAwaiter().GetResult() + even.GetAwaiter().GetResult();
    }

    private static double Orbits(int first)
    {
        double sum = 0;
        for (int seed = first; seed <= Points; seed += 2)
        {
            sum += SweepBenchContext.Orbit(seed, Iterations);
        }

        return sum;
    }

    private static int Run(int workers)
    {
        var context = new SweepBenchContext(new MemoOptions());
        var results = context.BurnMemo.Sweep(seed: Values.Range(1, Points, step: 1), iterations: Iterations)
            .WithParallelism(workers)
            .RunAsync().GetAwaiter().GetResult();
        return results.Computed == Points ? results.Count : throw new InvalidOperationException($"{results.Computed} points were computed.");
    }
}
