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

    /// <summary>A new empty cache folder for one benchmark class, in the temporary folder.</summary>
    public static string NewFolder(string name) => CreateUnder(Path.GetTempPath(), name);

    /// <summary>
    /// A new empty cache folder on a real disk, for benchmarks that flush to it: beside the benchmark's own files (the
    /// temporary folder may be a tmpfs in memory, where a flush costs nothing). Says where it is and on what.
    /// </summary>
    public static string NewFolderOnDisk(string name)
    {
        string folder = CreateUnder(AppContext.BaseDirectory, name);
        string format = new DriveInfo(folder).DriveFormat;
        if (format is "tmpfs" or "ramfs")
        {
            throw new InvalidOperationException($"{folder} is on a {format} in memory; durable writes must be measured on a disk");
        }

        Console.WriteLine($"// durable writes go to {folder}, a {format} file system");
        return folder;
    }

    private static string CreateUnder(string parent, string name)
    {
        string folder = Path.Combine(parent, "memogen-bench", name + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
