using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace MemoGen.Infrastructure;

/// <summary>
/// The conversions generated code applies to an implementation's result so the cached value is immutable
/// (DESIGN §3). Arrays and lists are wrapped without copying: the implementation hands them over and keeps no reference.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MemoConvert
{
    /// <summary>Wraps the array without copying.</summary>
    public static ImmutableArray<T> ArrayToImmutableArray<T>(T[]? array) => ImmutableCollectionsMarshal.AsImmutableArray(array);

    /// <summary>Wraps the array without copying.</summary>
    public static ReadOnlyMemory<T> ArrayToReadOnlyMemory<T>(T[]? array) => new(array);

    /// <summary>Wraps the array in a read-only list without copying.</summary>
    [return: NotNullIfNotNull(nameof(array))]
    public static ReadOnlyCollection<T>? ArrayToReadOnlyList<T>(T[]? array) => array is null ? null : Array.AsReadOnly(array);

    /// <summary>Wraps the list in a read-only list without copying.</summary>
    [return: NotNullIfNotNull(nameof(list))]
    public static ReadOnlyCollection<T>? ListToReadOnlyList<T>(List<T>? list) => list?.AsReadOnly();

    /// <summary>Copies the list into an immutable list.</summary>
    [return: NotNullIfNotNull(nameof(list))]
    public static ImmutableList<T>? ListToImmutableList<T>(List<T>? list) => list is null ? null : ImmutableList.CreateRange(list);

    /// <summary>Freezes the dictionary, keeping its key comparer.</summary>
    [return: NotNullIfNotNull(nameof(dictionary))]
    public static FrozenDictionary<TKey, TValue>? DictionaryToFrozenDictionary<TKey, TValue>(Dictionary<TKey, TValue>? dictionary)
        where TKey : notnull => dictionary?.ToFrozenDictionary(dictionary.Comparer);

    /// <summary>Wraps the dictionary in a read-only dictionary without copying.</summary>
    [return: NotNullIfNotNull(nameof(dictionary))]
    public static ReadOnlyDictionary<TKey, TValue>? DictionaryToReadOnlyDictionary<TKey, TValue>(Dictionary<TKey, TValue>? dictionary)
        where TKey : notnull => dictionary is null ? null : new ReadOnlyDictionary<TKey, TValue>(dictionary);

    /// <summary>Freezes the set, keeping its comparer.</summary>
    [return: NotNullIfNotNull(nameof(set))]
    public static FrozenSet<T>? HashSetToFrozenSet<T>(HashSet<T>? set) => set?.ToFrozenSet(set.Comparer);

    /// <summary>Asks the value for its immutable form.</summary>
    public static TResult AsImmutable<TSource, TResult>(TSource value)
        where TSource : IAsImmutable<TResult> => value is null ? default! : value.AsImmutable();
}
