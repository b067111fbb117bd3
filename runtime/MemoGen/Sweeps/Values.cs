using System;
using System.Collections.Immutable;

namespace MemoGen.Sweeps;

/// <summary>
/// Makes the values of a sweep's dimensions: explicit lists, numeric ranges (<c>Values.Range</c>) and products.
/// </summary>
public static partial class Values
{
    /// <summary>The given values, in the given order (duplicates are kept).</summary>
    /// <param name="values">The values; at least one.</param>
    /// <exception cref="ArgumentException">No value was given.</exception>
    public static Values<T> Of<T>(params T[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException("A dimension needs at least one value.", nameof(values));
        }

        return new Values<T>([.. values]);
    }

    /// <summary>
    /// Every pair of a value of <paramref name="first"/> and a value of <paramref name="second"/>, the second varying
    /// fastest: for a parameter that is itself a pair, or to sweep two dimensions as one.
    /// </summary>
    /// <param name="first">The first component's values.</param>
    /// <param name="second">The second component's values.</param>
    public static Values<(T1, T2)> Product<T1, T2>(Values<T1> first, Values<T2> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var pairs = ImmutableArray.CreateBuilder<(T1, T2)>(first.Count * second.Count);
        foreach (T1 a in first)
        {
            foreach (T2 b in second)
            {
                pairs.Add((a, b));
            }
        }

        return new Values<(T1, T2)>(pairs.MoveToImmutable());
    }
}
