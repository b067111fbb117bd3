using System;
using MemoryPack;

namespace MemoGen.Benchmarks.Joblib;

/// <summary>A small value MemoryPack writes: the default format of such results.</summary>
[MemoryPackable]
public sealed partial record PackedRatio(int A, int B, double Value, string Label);

/// <summary>
/// Two small disk-tagged functions of different key and result types, for the cost of a first disk hit in a fresh
/// process and of a disk hit of another function after it (see <see cref="FirstHitTimer"/>).
/// </summary>
public sealed partial class FirstHitJobs(MemoOptions options) : MemoContext(options)
{
    /// <summary>A small record written as MemoryPack.</summary>
    [Memoize(Name = "packed_ratio", Tags = new[] { "disk" })]
    public partial PackedRatio MakePackedRatio(int a, int b);

    private PackedRatio MakePackedRatioCore(int a, int b) => new(a, b, (double)a / b, $"{a}/{b}");

    /// <summary>A small memory of doubles, written raw: no serializer is involved in its hit.</summary>
    [Memoize(Name = "small_array", Tags = new[] { "disk" })]
    public partial ReadOnlyMemory<double> MakeSmallArray(int a, int b);

    private double[] MakeSmallArrayCore(int a, int b) => [a, b, (double)a / b];

    /// <summary>A small string keyed by a string and a long.</summary>
    [Memoize(Name = "label", Tags = new[] { "disk" })]
    public partial string MakeLabel(string prefix, long id);

    private string MakeLabelCore(string prefix, long id) => prefix + id;
}
