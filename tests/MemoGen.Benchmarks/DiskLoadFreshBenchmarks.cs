using System;
using System.IO;
using BenchmarkDotNet.Attributes;

namespace MemoGen.Benchmarks;

/// <summary>
/// A verified disk hit of a 256 MB <c>double[]</c> read into a fresh context, as a user's program sees it: without the
/// GC's RetainVM setting, so each load's new array costs fresh pages. Baseline: copying the same bytes into an existing
/// buffer (target: the load at least 0.5x its throughput, a ratio of at most 2). It replaces the RetainVM read benchmark,
/// which measured a setting no user runs with.
/// </summary>
[MemoryDiagnoser]
public class DiskLoadFreshBenchmarks
{
    private const int Megabytes = 256;

    private MemoOptions _options = new();
    private double[] _source = [];
    private double[] _destination = [];

    [GlobalSetup]
    public void Setup()
    {
        _options = new MemoOptions { CacheDirectory = DiskBenchContext.NewFolder("load-fresh") };
        _source = DiskBenchContext.ArrayOf(Megabytes);
        _destination = new double[_source.Length];
        new DiskBenchContext(_options).Loaded(Megabytes);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_options.CacheDirectory!, recursive: true);

    [Benchmark(Baseline = true)]
    public double CopyIntoExistingBuffer()
    {
        _source.AsSpan().CopyTo(_destination);
        return _destination[^1];
    }

    [Benchmark]
    public double VerifiedLoadIntoFreshContext() => new DiskBenchContext(_options).Loaded(Megabytes)[^1];
}
