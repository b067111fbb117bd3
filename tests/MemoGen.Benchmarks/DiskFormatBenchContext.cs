using System.Collections.Generic;
using System.Linq;
using MemoryPack;

namespace MemoGen.Benchmarks;

/// <summary>A small record MemoryPack writes (its generator implements <c>[MemoryPackable]</c>).</summary>
[MemoryPackable]
public sealed partial record PackedRatio(int A, int B, double Value, string Label);

/// <summary>
/// Disk-tagged methods whose results the generator gives to MemoryPack; a context whose options set
/// <see cref="JsonMemoSerializer.Default"/> writes the same results as JSON, for comparison.
/// </summary>
public sealed partial class DiskFormatBenchContext(MemoOptions options) : MemoContext(options)
{
    [Memoize(Name = "bench_format_small", Tags = new[] { "disk" })]
    public partial PackedRatio Small(int a, int b);

    private PackedRatio SmallCore(int a, int b) => new(a, b, (double)a / b, $"{a}/{b}");

    [Memoize(Name = "bench_format_rows", Tags = new[] { "disk" })]
    public partial IReadOnlyList<PackedRatio> Rows(int count);

    private List<PackedRatio> RowsCore(int count) =>
        Enumerable.Range(0, count).Select(static i => new PackedRatio(i, i + 1, i / (i + 1.0), "row " + i)).ToList();

    /// <summary>Options over a new folder: MemoryPack (the default for these results), or JSON for every result.</summary>
    public static MemoOptions OptionsFor(string name, bool json) => new()
    {
        CacheDirectory = DiskBenchContext.NewFolder(name),
        Serializer = json ? JsonMemoSerializer.Default : null,
    };
}
