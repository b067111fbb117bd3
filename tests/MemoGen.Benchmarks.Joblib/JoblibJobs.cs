using System;
using System.Collections.Immutable;

namespace MemoGen.Benchmarks.Joblib;

/// <summary>A small memoized value, the counterpart of the Python job's dict.</summary>
public sealed record Ratio(int A, int B, double Value, string Label);

/// <summary>The memoized functions of the side-by-side jobs; bench_joblib.py defines the same ones for joblib.</summary>
public sealed partial class JoblibJobs(MemoOptions options) : MemoContext(options)
{
    /// <summary>A 256 MB array of doubles read into memory on a hit: <c>values[i] = i * 0.5</c>.</summary>
    [Memoize(Name = "make_array", Tags = new[] { "disk" })]
    public partial ReadOnlyMemory<double> MakeArray(int megabytes);

    private double[] MakeArrayCore(int megabytes)
    {
        var values = new double[megabytes * (1024 * 1024 / sizeof(double))];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = i * 0.5;
        }

        return values;
    }

    /// <summary>The sum of an array: its hit costs the key of a 256 MB argument.</summary>
    [Memoize(Name = "sum_array", Tags = new[] { "disk" })]
    public partial double SumArray(ReadOnlyMemory<double> values);

    private double SumArrayCore(ReadOnlyMemory<double> values)
    {
        double sum = 0;
        foreach (double value in values.Span)
        {
            sum += value;
        }

        return sum;
    }

    /// <summary>A small value: its hit is the cost of a first disk hit in a fresh process.</summary>
    [Memoize(Name = "ratio", Tags = new[] { "disk" })]
    public partial Ratio MakeRatio(int a, int b);

    private Ratio MakeRatioCore(int a, int b) => new(a, b, (double)a / b, $"{a}/{b}");
}
