using System.Collections.Generic;
using MemoGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.Checks;

/// <summary>
/// Whether MemoryPack writes a result type and reads it back, so that the disk store's default for it is MemoryPack
/// instead of System.Text.Json: the built-in types MemoryPack 1.21 has formatters for, composed of each other, and types
/// marked <c>[MemoryPackable]</c> (whose members MemoryPack's own generator checks). The list is what MemoryPack was
/// seen to round-trip; anything else stays with System.Text.Json.
/// </summary>
internal static class MemoryPackRules
{
    private const string MemoryPackable = "MemoryPack.MemoryPackableAttribute";

    private static readonly HashSet<string> Scalars =
    [
        "System.DateTimeOffset", "System.TimeSpan", "System.Guid", "System.DateOnly", "System.TimeOnly", "System.Half",
        "System.Int128", "System.UInt128", "System.Numerics.BigInteger", "System.Numerics.Complex", "System.Version", "System.Uri",
    ];

    /// <summary>Generic types whose every type argument MemoryPack must write in turn.</summary>
    private static readonly HashSet<string> Containers =
    [
        "System.Nullable`1", "System.ReadOnlyMemory`1", "System.Memory`1",
        "System.Collections.Generic.List`1", "System.Collections.Generic.IEnumerable`1", "System.Collections.Generic.ICollection`1",
        "System.Collections.Generic.IList`1", "System.Collections.Generic.IReadOnlyCollection`1", "System.Collections.Generic.IReadOnlyList`1",
        "System.Collections.Generic.Dictionary`2", "System.Collections.Generic.IDictionary`2", "System.Collections.Generic.IReadOnlyDictionary`2",
        "System.Collections.Generic.SortedDictionary`2", "System.Collections.Generic.KeyValuePair`2",
        "System.Collections.Generic.HashSet`1", "System.Collections.Generic.ISet`1", "System.Collections.Generic.IReadOnlySet`1",
        "System.Collections.ObjectModel.ReadOnlyCollection`1", "System.Linq.ILookup`2",
        "System.Collections.Immutable.ImmutableArray`1", "System.Collections.Immutable.ImmutableList`1",
        "System.Collections.Immutable.ImmutableDictionary`2", "System.Collections.Immutable.ImmutableHashSet`1",
        "System.Collections.Frozen.FrozenDictionary`2", "System.Collections.Frozen.FrozenSet`1",
    ];

    /// <summary>Whether MemoryPack writes <paramref name="type"/> and reads it back.</summary>
    public static bool Writes(ITypeSymbol type) => Writes(type, depth: 0);

    private static bool Writes(ITypeSymbol type, int depth)
    {
        if (depth > 16 || type.ContainsErrorType())
        {
            return false;
        }

        switch (type)
        {
            case { SpecialType: SpecialType.System_Object or SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_Void }:
                return false;
            case { SpecialType: not SpecialType.None } or { TypeKind: TypeKind.Enum }:
                return true;
            case IArrayTypeSymbol array:
                return array.Rank <= 4 && Writes(array.ElementType, depth + 1);
            case INamedTypeSymbol named:
                if (named.HasAttribute(MemoryPackable))
                {
                    return true;
                }

                var name = named.FullMetadataName();
                if (Scalars.Contains(name))
                {
                    return true;
                }

                if (!named.IsTupleType && !Containers.Contains(name) && !IsTuple(name))
                {
                    return false;
                }

                foreach (var argument in named.IsTupleType ? TupleTypes(named) : named.TypeArguments)
                {
                    if (!Writes(argument, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static bool IsTuple(string name) => name.StartsWith("System.Tuple`", System.StringComparison.Ordinal);

    private static IEnumerable<ITypeSymbol> TupleTypes(INamedTypeSymbol tuple)
    {
        foreach (var element in tuple.TupleElements)
        {
            yield return element.Type;
        }
    }
}
