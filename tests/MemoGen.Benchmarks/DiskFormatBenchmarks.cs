using System.IO;
using BenchmarkDotNet.Attributes;

namespace MemoGen.Benchmarks;

/// <summary>
/// MemoryPack, the default format of results that are not raw arrays, against System.Text.Json (the format of a cache
/// people read), in one run: a disk hit of a small record from a fresh context, and the load of a 1-million-element
/// <c>List</c> of records. Run both classes together: <c>--filter *DiskFormat*</c>.
/// </summary>
[MemoryDiagnoser]
public class DiskFormatSmallHitBenchmarks
{
    private MemoOptions _json = new();
    private MemoOptions _memoryPack = new();

    [GlobalSetup]
    public void Setup()
    {
        _json = DiskFormatBenchContext.OptionsFor("format-small-json", json: true);
        _memoryPack = DiskFormatBenchContext.OptionsFor("format-small-memorypack", json: false);
        new DiskFormatBenchContext(_json).Small(3, 4);
        new DiskFormatBenchContext(_memoryPack).Small(3, 4);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Directory.Delete(_json.CacheDirectory!, recursive: true);
        Directory.Delete(_memoryPack.CacheDirectory!, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public double SmallRecordHitJson() => new DiskFormatBenchContext(_json).Small(3, 4).Value;

    [Benchmark]
    public double SmallRecordHitMemoryPack() => new DiskFormatBenchContext(_memoryPack).Small(3, 4).Value;
}

/// <summary>The load of a 1-million-element list of records from a fresh context, JSON against MemoryPack.</summary>
[MemoryDiagnoser]
public class DiskFormatListLoadBenchmarks
{
    private const int Rows = 1_000_000;

    private MemoOptions _json = new();
    private MemoOptions _memoryPack = new();

    [GlobalSetup]
    public void Setup()
    {
        _json = DiskFormatBenchContext.OptionsFor("format-rows-json", json: true);
        _memoryPack = DiskFormatBenchContext.OptionsFor("format-rows-memorypack", json: false);
        new DiskFormatBenchContext(_json).Rows(Rows);
        new DiskFormatBenchContext(_memoryPack).Rows(Rows);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Directory.Delete(_json.CacheDirectory!, recursive: true);
        Directory.Delete(_memoryPack.CacheDirectory!, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public int ListLoadJson() => new DiskFormatBenchContext(_json).Rows(Rows).Count;

    [Benchmark]
    public int ListLoadMemoryPack() => new DiskFormatBenchContext(_memoryPack).Rows(Rows).Count;
}
