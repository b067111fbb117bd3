using System;
using System.IO;
using BenchmarkDotNet.Attributes;

namespace MemoGen.Benchmarks;

/// <summary>
/// A disk hit with <see cref="MmapMode.ReadOnly"/> from a fresh context: the payload is mapped, not read, so a 256 MB
/// array opens as fast as a 1 MB one (target: under 0.1 ms, independent of size). Mappings are released when their
/// memory is collected; each iteration ends with a collection so they do not pile up.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(2048)]
public class DiskMmapBenchmarks
{
    private MemoOptions _options = new();

    [GlobalSetup]
    public void Setup()
    {
        _options = new MemoOptions { CacheDirectory = DiskBenchContext.NewFolder("mmap"), MmapMode = MmapMode.ReadOnly };
        var writer = new DiskBenchContext(new MemoOptions { CacheDirectory = _options.CacheDirectory });
        writer.Mapped(1);
        writer.Mapped(256);
    }

    [IterationCleanup]
    public void ReleaseMappings()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_options.CacheDirectory!, recursive: true);

    [Benchmark(Baseline = true)]
    public int MappedHit1MB() => new DiskBenchContext(_options).Mapped(1).Length;

    [Benchmark]
    public int MappedHit256MB() => new DiskBenchContext(_options).Mapped(256).Length;
}
