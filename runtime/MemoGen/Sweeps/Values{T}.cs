using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace MemoGen.Sweeps;

/// <summary>
/// The values one parameter takes in a sweep, in order. Made by <see cref="Values.Of{T}(T[])"/>,
/// <see cref="Values.Range(double, double, double, int)"/> and its overloads, or <see cref="Values.Product{T1, T2}"/>;
/// a single value converts to a dimension of one value.
/// </summary>
/// <typeparam name="T">The parameter's type.</typeparam>
public sealed class Values<T> : IReadOnlyList<T>
{
    private readonly ImmutableArray<T> _items;

    internal Values(ImmutableArray<T> items)
    {
        _items = items;
    }

    /// <summary>How many values there are.</summary>
    public int Count => _items.Length;

    /// <summary>The value at <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based position.</param>
    public T this[int index] => _items[index];

    /// <summary>A dimension of the single value <paramref name="value"/>: the parameter is fixed, not swept.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Values<T>(T value) => new([value]);

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The values, as <c>[a, b, c]</c>.</summary>
    public override string ToString() => "[" + string.Join(", ", _items) + "]";

    internal object?[] ToBoxed()
    {
        var boxed = new object?[_items.Length];
        for (int i = 0; i < boxed.Length; i++)
        {
            boxed[i] = _items[i];
        }

        return boxed;
    }
}
