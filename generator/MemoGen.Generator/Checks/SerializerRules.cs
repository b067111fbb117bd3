using System.Collections.Generic;
using System.Linq;
using MemoGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.Checks;

/// <summary>
/// Whether the disk store's default serializers can write a result and read it back (MEMO013). Arrays,
/// <c>ReadOnlyMemory&lt;T&gt;</c> and <c>ImmutableArray&lt;T&gt;</c> of primitives are written raw; types MemoryPack writes
/// (<see cref="MemoryPackRules"/>) go through MemoryPack, chosen here at compile time; everything else goes through
/// System.Text.Json. The rule is conservative: it flags only types System.Text.Json is known not to round-trip, and
/// trusts types it cannot see into (type parameters, types from other assemblies not listed here).
/// </summary>
internal static class SerializerRules
{
    private static readonly HashSet<string> ReadableInterfaces =
    [
        KnownTypes.ReadOnlyList, KnownTypes.ReadOnlyCollection, KnownTypes.Enumerable, KnownTypes.ReadOnlyDictionary,
    ];

    /// <summary>Types System.Text.Json writes but reads back wrong or not at all, with why.</summary>
    private static readonly Dictionary<string, string> NotReadBack = new()
    {
        ["System.Collections.ObjectModel.ReadOnlyCollection`1"] = "System.Text.Json has no constructor of it to call",
        ["System.Collections.ObjectModel.ReadOnlyDictionary`2"] = "System.Text.Json has no constructor of it to call",
        ["System.Lazy`1"] = "System.Text.Json reads it back without its value",
        ["System.Numerics.BigInteger"] = "System.Text.Json writes its properties, not its value",
        ["System.Numerics.Complex"] = "System.Text.Json writes its properties, not its value",
        ["System.IntPtr"] = "System.Text.Json does not write native integers",
        ["System.UIntPtr"] = "System.Text.Json does not write native integers",
    };

    /// <summary>Why a <paramref name="result"/> cannot be stored, as a clause after "because"; null when it can.</summary>
    public static string? WhyNotStorable(ITypeSymbol result) =>
        IsRawLayout(result) || MemoryPackRules.Writes(result) ? null : WhyNotJson(result, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    /// <summary>Whether the disk store writes <paramref name="result"/> with MemoryPack (it is not raw, and MemoryPack writes it).</summary>
    public static bool UsesMemoryPack(ITypeSymbol result) => !IsRawLayout(result) && MemoryPackRules.Writes(result);

    private static bool IsRawLayout(ITypeSymbol type)
    {
        var element = type switch
        {
            IArrayTypeSymbol { IsSZArray: true } array => array.ElementType,
            _ => type.TypeArgumentOf(KnownTypes.ReadOnlyMemory) ?? type.TypeArgumentOf(KnownTypes.ImmutableArray),
        };
        return element is not null && element.IsPrimitiveForRawHashing();
    }

    private static string? WhyNotJson(ITypeSymbol type, HashSet<ITypeSymbol> visiting)
    {
        if (type.ContainsErrorType() || type is ITypeParameterSymbol || !visiting.Add(type))
        {
            return null;
        }

        if (NotReadBack.TryGetValue(type.FullMetadataName(), out var reason))
        {
            return $"'{type.ForMessage()}' cannot be read back: {reason}";
        }

        switch (type)
        {
            case { SpecialType: SpecialType.System_Object } or IDynamicTypeSymbol:
                return $"'{type.ForMessage()}' does not say which type to read back";
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return $"'{type.ForMessage()}' is a pointer";
            case { TypeKind: TypeKind.Delegate }:
                return $"'{type.ForMessage()}' is a delegate";
            case { SpecialType: not SpecialType.None } or { TypeKind: TypeKind.Enum }:
                return null;
            case IArrayTypeSymbol { IsSZArray: false }:
                return $"System.Text.Json does not support multidimensional arrays such as '{type.ForMessage()}'";
            case IArrayTypeSymbol array:
                return WhyNotJson(array.ElementType, visiting);
            case INamedTypeSymbol { IsTupleType: true }:
                return $"'{type.ForMessage()}' is a value tuple, whose fields System.Text.Json does not write";
            case { TypeKind: TypeKind.Interface } when !ReadableInterfaces.Contains(type.FullMetadataName()):
                return $"'{type.ForMessage()}' is an interface System.Text.Json cannot create (only IReadOnlyList<T>, IReadOnlyCollection<T>, IEnumerable<T> and IReadOnlyDictionary<TKey, TValue> are)";
            case { IsAbstract: true, TypeKind: TypeKind.Class }:
                return $"'{type.ForMessage()}' is abstract, so System.Text.Json cannot create it";
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        foreach (var argument in named.TypeArguments)
        {
            if (WhyNotJson(argument, visiting) is { } inner)
            {
                return inner;
            }
        }

        if (IsCollection(named) || named.TypeArguments.Length > 0 && named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return null;
        }

        if (named.TypeKind == TypeKind.Class && !named.IsRecord
            && !named.InstanceConstructors.Any(c => c.DeclaredAccessibility == Accessibility.Public))
        {
            return $"'{type.ForMessage()}' has no public constructor for System.Text.Json to call";
        }

        // Members are checked only where the source is at hand; a type from another assembly is trusted.
        return named.Locations.Any(l => l.IsInSource) ? WhyNotJsonMembers(named, visiting) : null;
    }

    private static bool IsCollection(INamedTypeSymbol type) =>
        type.AllInterfaces.Any(i => i.Is(KnownTypes.Enumerable));

    private static string? WhyNotJsonMembers(INamedTypeSymbol type, HashSet<ITypeSymbol> visiting)
    {
        for (var current = type; current is not null && current.Locations.Any(l => l.IsInSource); current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, GetMethod.DeclaredAccessibility: Accessibility.Public } property
                    && WhyNotJson(property.Type, visiting) is { } inner)
                {
                    return $"its property '{property.Name}' cannot be stored: {inner}";
                }
            }
        }

        return null;
    }
}
