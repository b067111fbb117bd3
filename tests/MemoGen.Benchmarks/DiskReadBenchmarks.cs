using System;
using System.IO;
using BenchmarkDotNet.Attributes;

namespace MemoGen.Benchmarks;

/// <summary>
/// A disk hit of a 256 MB <c>double[]</c> read into memory (checksum verified) from a fresh context, against copying
/// the same bytes in memory (target: at least 0.7x its throughput, that is a ratio of at most 1.43).
/// <see cref="CopyIntoNewArray"/> shows what allocating the result's array costs on its own.
/// </summary>
[MemoryDiagnoser]
[DiskRetainVm]
public class DiskReadBenchmarks
{
    private const int Megabytes = 256;

    private MemoOptions _options = new();
    private double[] _source = [];
    private double[] _destination = [];

    [GlobalSetup]
    public void Setup()
    {
        _options = new MemoOptions { CacheDirectory = DiskBenchContext.NewFolder("read") };
        _source = DiskBenchContext.ArrayOf(Megabytes);
        _destination = new double[_source.Length];
        new DiskBenchContext(_options).Loaded(Megabytes);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_options.CacheDirectory!, recursive: true);

    [Benchmark(Baseline = true)]
    public double CopyInMemory()
    {
        _source.AsSpan().CopyTo(_destination);
        return _destination[^1];
    }

    [Benchmark]
    public double CopyIntoNewArray()
    {
        double[] copy = GC.AllocateUninitializedArray<double>(_source.Length);
        _source.AsSpan().CopyTo(copy);
        return copy[^1];
    }

    [Benchmark]
    public double DiskHitRead() => new DiskBenchContext(_options).Loaded(Megabytes)[^1];
}
