using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace MemoGen.Infrastructure;

/// <summary>Reads the elements of a read-only list as a span, so it is hashed like an array of the same values.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MemoSpans
{
    /// <summary>The list's elements: a view of arrays and lists, a copy of anything else.</summary>
    public static ReadOnlySpan<T> Of<T>(IReadOnlyList<T> list) => list switch
    {
        T[] array => array,
        List<T> items => CollectionsMarshal.AsSpan(items),
        ImmutableArray<T> immutable => immutable.AsSpan(),
        _ => CopyOf(list),
    };

    private static T[] CopyOf<T>(IReadOnlyList<T> list)
    {
        var copy = new T[list.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = list[i];
        }

        return copy;
    }
}
