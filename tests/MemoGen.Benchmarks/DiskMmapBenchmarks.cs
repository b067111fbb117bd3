using System;
using System.IO;
using BenchmarkDotNet.Attributes;

namespace MemoGen.Benchmarks;

/// <summary>
/// A disk hit with <see cref="MmapMode.ReadOnly"/> from a fresh context that then reads the data: the payload is mapped,
/// and summing every element touches every page of it (from the page cache: the entry was just written, so this
/// measures opening, mapping and reading memory, not the disk). The baseline sums the same 256 MB array already in
/// memory, so the ratio is what mapping the entry costs on top of reading its data. Each operation ends with a
/// collection, baseline included, so that mappings are unmapped (when their memory is collected) inside the measurement.
/// </summary>
[MemoryDiagnoser]
public class DiskMmapBenchmarks
{
    private const int Megabytes = 256;

    private MemoOptions _options = new();
    private double[] _inMemory = [];

    [GlobalSetup]
    public void Setup()
    {
        _options = new MemoOptions { CacheDirectory = DiskBenchContext.NewFolder("mmap"), MmapMode = MmapMode.ReadOnly };
        var writer = new DiskBenchContext(new MemoOptions { CacheDirectory = _options.CacheDirectory });
        writer.Mapped(1);
        writer.Mapped(Megabytes);
        _inMemory = DiskBenchContext.ArrayOf(Megabytes);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_options.CacheDirectory!, recursive: true);

    [Benchmark(Baseline = true)]
    public double SumInMemory256MB() => SumThenCollect(_inMemory);

    [Benchmark]
    public double MappedHitAndSum256MB() => SumThenCollect(new DiskBenchContext(_options).Mapped(Megabytes));

    [Benchmark]
    public double MappedHitAndSum1MB() => SumThenCollect(new DiskBenchContext(_options).Mapped(1));

    private static double SumThenCollect(ReadOnlyMemory<double> values)
    {
        double sum = 0;
        foreach (double value in values.Span)
        {
            sum += value;
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        return sum;
    }
}
