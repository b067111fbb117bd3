using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MemoGen.Sweeps;

/// <summary>One point of a sweep: a value for each swept parameter, and its position among the sweep's points.</summary>
public sealed class SweepPoint
{
    private readonly IReadOnlyList<SweepDimension> _dimensions;
    private readonly object?[] _values;

    internal SweepPoint(long index, IReadOnlyList<SweepDimension> dimensions, object?[] values)
    {
        Index = index;
        _dimensions = dimensions;
        _values = values;
    }

    /// <summary>The position of the point in the sweep, from 0: the last dimension varies fastest.</summary>
    public long Index { get; }

    /// <summary>The parameters' names, in the order of the method's parameters.</summary>
    public IEnumerable<string> Names => _dimensions.Select(d => d.Name);

    /// <summary>The parameters' values, in the order of <see cref="Names"/>.</summary>
    public IReadOnlyList<object?> Values => Array.AsReadOnly(_values);

    /// <summary>The values as the sweep's calls take them; not to be changed.</summary>
    internal object?[] RawValues => _values;

    /// <summary>The value of the parameter named <paramref name="name"/>.</summary>
    /// <param name="name">A parameter's name.</param>
    /// <exception cref="KeyNotFoundException">The sweep has no such parameter.</exception>
    public object? this[string name]
    {
        get
        {
            for (int i = 0; i < _dimensions.Count; i++)
            {
                if (_dimensions[i].Name == name)
                {
                    return _values[i];
                }
            }

            throw new KeyNotFoundException($"The sweep has no parameter '{name}'; its parameters are {string.Join(", ", Names)}.");
        }
    }

    /// <summary>The value of the parameter named <paramref name="name"/>, as a <typeparamref name="T"/>.</summary>
    /// <param name="name">A parameter's name.</param>
    public T Get<T>(string name) => (T)this[name]!;

    /// <summary>The point as <c>nside=64, kappa=0.1</c>.</summary>
    public override string ToString() =>
        string.Join(", ", _dimensions.Select((d, i) => d.Name + "=" + Convert.ToString(_values[i], CultureInfo.InvariantCulture)));
}
