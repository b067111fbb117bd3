using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;

namespace MemoGen.Benchmarks;

public sealed record Ratio(int A, int B, double Value, string Label);

/// <summary>Disk-tagged methods for the disk benchmarks; their implementations hand back prepared arrays.</summary>
public sealed partial class DiskBenchContext(MemoOptions options) : MemoContext(options)
{
    private static readonly ConcurrentDictionary<int, double[]> s_arrays = new();

    [Memoize(Name = "bench_mapped", Tags = new[] { "disk" })]
    public partial ReadOnlyMemory<double> Mapped(int megabytes);

    private double[] MappedCore(int megabytes) => ArrayOf(megabytes);

    [Memoize(Name = "bench_loaded", Tags = new[] { "disk" })]
    public partial ImmutableArray<double> Loaded(int megabytes);

    private double[] LoadedCore(int megabytes) => ArrayOf(megabytes);

    [Memoize(Name = "bench_small", Tags = new[] { "disk" })]
    public partial Ratio Small(int a, int b);

    private Ratio SmallCore(int a, int b) => new(a, b, (double)a / b, $"{a}/{b}");

    /// <summary>A <paramref name="megabytes"/> MB array of doubles, made once.</summary>
    public static double[] ArrayOf(int megabytes) => s_arrays.GetOrAdd(megabytes, static mb =>
    {
        var values = new double[mb * 1024 * 1024 / sizeof(double)];
        var random = new Random(mb);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble();
        }

        return values;
    });

    /// <summary>A new empty cache folder for one benchmark class.</summary>
    public static string NewFolder(string name)
    {
        string folder = Path.Combine(Path.GetTempPath(), "memogen-bench", name + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
