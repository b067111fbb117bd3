using System;
using System.Collections.Generic;

namespace MemoGen.Sweeps;

/// <summary>One named dimension of a sweep: a parameter and the values it takes, in order.</summary>
public sealed class SweepDimension
{
    private SweepDimension(string name, object?[] values)
    {
        Name = name;
        Values = values;
    }

    /// <summary>The parameter's name.</summary>
    public string Name { get; }

    /// <summary>The values, each of the parameter's type.</summary>
    public IReadOnlyList<object?> Values { get; }

    /// <summary>A dimension named <paramref name="name"/> over <paramref name="values"/>.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="values">The values it takes.</param>
    public static SweepDimension Of<T>(string name, Values<T> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(values);
        return new SweepDimension(name, values.ToBoxed());
    }

    /// <summary>A dimension of values already converted to the parameter's type.</summary>
    internal static SweepDimension OfConverted(string name, object?[] values) => new(name, values);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Values.Count} values)";
}
