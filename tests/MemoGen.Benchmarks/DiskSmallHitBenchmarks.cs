using System.IO;
using BenchmarkDotNet.Attributes;

namespace MemoGen.Benchmarks;

/// <summary>
/// A disk hit of a small value (two ints in, one record out) from a fresh context (target: under 20 µs), against
/// reading one small file, the floor of any disk hit.
/// </summary>
[MemoryDiagnoser]
public class DiskSmallHitBenchmarks
{
    private MemoOptions _options = new();
    private string _smallFile = "";

    [GlobalSetup]
    public void Setup()
    {
        _options = new MemoOptions { CacheDirectory = DiskBenchContext.NewFolder("small") };
        new DiskBenchContext(_options).Small(3, 4);
        _smallFile = Directory.GetFiles(_options.CacheDirectory!, "*.meta.json", SearchOption.AllDirectories)[0];
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_options.CacheDirectory!, recursive: true);

    [Benchmark(Baseline = true)]
    public int ReadOneSmallFile() => File.ReadAllBytes(_smallFile).Length;

    [Benchmark]
    public double DiskHitSmallRecord() => new DiskBenchContext(_options).Small(3, 4).Value;
}
