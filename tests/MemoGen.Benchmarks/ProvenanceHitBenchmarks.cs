using System;
using System.Collections.Immutable;
using System.IO;
using BenchmarkDotNet.Attributes;

namespace MemoGen.Benchmarks;

/// <summary>Memoized functions of a 256 MB array: one makes it, one reads what it is given.</summary>
public sealed partial class ProvenanceBenchContext(MemoOptions options) : MemoContext(options)
{
    [Memoize(Name = "bench_provenance_make", Tags = new[] { "disk" })]
    public partial ImmutableArray<double> Make(int megabytes);

    private double[] MakeCore(int megabytes) => DiskBenchContext.ArrayOf(megabytes);

    [Memoize(Name = "bench_provenance_last")]
    public partial double Last(ReadOnlyMemory<double> values);

    private double LastCore(ReadOnlyMemory<double> values) => values.Span[^1];
}

/// <summary>
/// A hit of a memoized method called with a memoized 256 MB result (provenance: target under 0.1 ms), against the same
/// hit called with an equal copy of that result, which is keyed by content (baseline).
/// </summary>
public class ProvenanceHitBenchmarks
{
    private const int Megabytes = 256;

    private MemoOptions _options = new();
    private ProvenanceBenchContext _context = null!;
    private ReadOnlyMemory<double> _produced;
    private ReadOnlyMemory<double> _copy;

    [GlobalSetup]
    public void Setup()
    {
        _options = new MemoOptions { CacheDirectory = DiskBenchContext.NewFolder("provenance") };
        _context = new ProvenanceBenchContext(_options);
        _produced = _context.Make(Megabytes).AsMemory();
        _copy = _produced.ToArray();
        _context.Last(_produced);
        _context.Last(_copy);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_options.CacheDirectory!, recursive: true);

    [Benchmark(Baseline = true)]
    public double HitWithAnEqualCopy() => _context.Last(_copy);

    [Benchmark]
    public double HitWithTheMemoizedResult() => _context.Last(_produced);
}
