using System;
using System.Collections.Immutable;
using System.Threading;

namespace MemoGen.IntegrationTests.Disk.Subjects;

public sealed record Grid(string Name, int Size);

public sealed record Summary(int A, int B, double Ratio, string Label);

/// <summary>
/// Disk-tagged memoized methods, compiled into the integration tests and into the child process they start, so both
/// processes have the same names and code versions and share one cache folder.
/// </summary>
public sealed partial class Observatory(MemoOptions options) : MemoContext(options)
{
    private int _computations;

    /// <summary>How many times an implementation ran in this context.</summary>
    public int Computations => _computations;

    [Memoize(Name = "disk_map", Tags = new[] { "disk" })]
    public partial ReadOnlyMemory<double> Map(Grid grid);

    private double[] MapCore(Grid grid)
    {
        Interlocked.Increment(ref _computations);
        return Expected(grid);
    }

    [Memoize(Name = "disk_summary", Tags = new[] { "disk" })]
    public partial Summary Summarize(int a, int b);

    private Summary SummarizeCore(int a, int b)
    {
        Interlocked.Increment(ref _computations);
        return new Summary(a, b, (double)a / b, $"{a}/{b}");
    }

    [Memoize(Name = "disk_profile", Tags = new[] { "lazy" })]
    public partial ImmutableArray<long> Profile(int bins);

    private long[] ProfileCore(int bins)
    {
        Interlocked.Increment(ref _computations);
        var profile = new long[bins];
        for (var i = 0; i < bins; i++)
        {
            profile[i] = (long)i * i;
        }

        return profile;
    }

    /// <summary>What <see cref="Map"/> returns for <paramref name="grid"/>.</summary>
    public static double[] Expected(Grid grid)
    {
        var values = new double[grid.Size];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (i * 0.5) + grid.Name.Length;
        }

        return values;
    }

    /// <summary>A sum both processes can print and compare.</summary>
    public static double Sum(ReadOnlySpan<double> values)
    {
        double total = 0;
        foreach (var value in values)
        {
            total += value;
        }

        return total;
    }
}
