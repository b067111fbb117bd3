using System;
using System.Collections.Immutable;

namespace MemoGen.Sample;

/// <summary>A finished point of the sweep: its final V field, where it came from, and two summaries of the pattern.</summary>
/// <param name="Parameters">The point.</param>
/// <param name="Field">The final V concentration, row by row.</param>
/// <param name="Computed">Whether this run computed it (else it came from the cache).</param>
/// <param name="ComputeSeconds">How long computing it took, in this run or in the run that cached it.</param>
public sealed record PointResult(ReactionParameters Parameters, ImmutableArray<float> Field, bool Computed, double ComputeSeconds)
{
    /// <summary>The mean of V: how much of the dish the pattern covers.</summary>
    public double MeanV { get; } = Mean(Field);

    /// <summary>The standard deviation of V: 0 for an empty or uniform dish, high for sharp spots and stripes.</summary>
    public double Contrast { get; } = StandardDeviation(Field);

    /// <summary>The mean of a field.</summary>
    public static double Mean(ImmutableArray<float> field)
    {
        double sum = 0;
        foreach (float value in field)
        {
            sum += value;
        }

        return sum / Math.Max(1, field.Length);
    }

    /// <summary>The standard deviation of a field.</summary>
    public static double StandardDeviation(ImmutableArray<float> field)
    {
        double mean = Mean(field), sum = 0;
        foreach (float value in field)
        {
            sum += (value - mean) * (value - mean);
        }

        return Math.Sqrt(sum / Math.Max(1, field.Length));
    }
}
