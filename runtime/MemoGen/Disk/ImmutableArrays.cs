using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace MemoGen.Disk;

/// <summary>
/// Recognises <see cref="ImmutableArray{T}"/> without loading System.Collections.Immutable for other types. A
/// ReadyToRun method resolves the types it names before it first runs, so a method that only mentions
/// <c>typeof(ImmutableArray&lt;&gt;)</c> loads that assembly on a first call whose result is not one; the name is
/// compared first, and the type named only by a method of its own.
/// </summary>
internal static class ImmutableArrays
{
    /// <summary>Whether <paramref name="definition"/> (a generic type definition) is <see cref="ImmutableArray{T}"/>.</summary>
    public static bool Is(Type definition) =>
        definition.Name == "ImmutableArray`1" && IsDefinition(definition);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsDefinition(Type definition) => definition == typeof(ImmutableArray<>);
}
