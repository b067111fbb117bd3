using System.Collections.Generic;
using System.Linq;
using MemoGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator;

/// <summary>
/// Decides whether a cached result may be shared by every caller (DESIGN §3): a value no caller can change.
/// Value types are copied out of the cache, so only the references they hold matter; a class counts when every
/// field it has is readonly and of an immutable type.
/// </summary>
internal static class ImmutabilityRules
{
    private static readonly HashSet<string> ImmutableDefinitions =
    [
        "System.ReadOnlyMemory`1", "System.Collections.Immutable.ImmutableArray`1", "System.Collections.Immutable.ImmutableList`1",
        "System.Collections.Immutable.ImmutableDictionary`2", "System.Collections.Immutable.ImmutableHashSet`1",
        "System.Collections.Immutable.ImmutableSortedDictionary`2", "System.Collections.Immutable.ImmutableSortedSet`1",
        "System.Collections.Immutable.ImmutableQueue`1", "System.Collections.Immutable.ImmutableStack`1",
        "System.Collections.Frozen.FrozenDictionary`2", "System.Collections.Frozen.FrozenSet`1",
        "System.Collections.Generic.IReadOnlyList`1", "System.Collections.Generic.IReadOnlyCollection`1",
        "System.Collections.Generic.IReadOnlyDictionary`2", "System.Collections.Generic.IReadOnlySet`1",
        "System.Collections.Generic.IEnumerable`1", "System.Collections.ObjectModel.ReadOnlyCollection`1",
        "System.Collections.ObjectModel.ReadOnlyDictionary`2", "System.Nullable`1", "System.Lazy`1",
    ];

    private static readonly HashSet<string> ImmutableTypes =
    [
        "System.DateTimeOffset", "System.TimeSpan", "System.Guid", "System.DateOnly", "System.TimeOnly", "System.Uri",
        "System.Version", "System.Half", "System.Int128", "System.UInt128", "System.Numerics.BigInteger",
        "System.Numerics.Complex", "System.Text.Rune", "MemoGen.MemoHash128",
    ];

    public static bool IsImmutable(ITypeSymbol type) => IsImmutable(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    private static bool IsImmutable(ITypeSymbol type, HashSet<ITypeSymbol> visiting)
    {
        if (type.SpecialType is not SpecialType.None and not SpecialType.System_Object and not SpecialType.System_Array)
        {
            return true;
        }

        switch (type)
        {
            case { TypeKind: TypeKind.Enum }:
            // An unmanaged type argument holds no references, so a copy out of the cache is the caller's alone.
            case ITypeParameterSymbol { HasUnmanagedTypeConstraint: true }:
                return true;
            case IArrayTypeSymbol or IPointerTypeSymbol or IFunctionPointerTypeSymbol or ITypeParameterSymbol or IDynamicTypeSymbol:
                return false;
            case { TypeKind: TypeKind.Error or TypeKind.Delegate or TypeKind.Interface } when !IsKnownImmutable(type):
                return false;
            case { SpecialType: SpecialType.System_Object or SpecialType.System_Array }:
                return false;
        }

        if (IsKnownImmutable(type))
        {
            return type is not INamedTypeSymbol named || named.TypeArguments.All(argument => IsImmutable(argument, visiting));
        }

        if (!visiting.Add(type))
        {
            return true;
        }

        // Reference assemblies drop private fields, so a type from metadata is judged by what it shows.
        return type.Locations.Any(l => l.IsInSource)
            ? AllInstanceFields(type).All(f => (type.IsValueType || f.IsReadOnly) && IsImmutable(f.Type, visiting))
            : AllVisibleState(type, visiting);
    }

    private static bool AllVisibleState(ITypeSymbol type, HashSet<ITypeSymbol> visiting)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                var immutable = member switch
                {
                    IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } property =>
                        (type.IsValueType || property.SetMethod is null or { IsInitOnly: true }) && IsImmutable(property.Type, visiting),
                    IFieldSymbol { IsStatic: false, IsConst: false, DeclaredAccessibility: Accessibility.Public } field =>
                        (type.IsValueType || field.IsReadOnly) && IsImmutable(field.Type, visiting),
                    _ => true,
                };
                if (!immutable)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Whether the type is immutable when its type arguments are, such as <c>ImmutableArray&lt;T&gt;</c>.</summary>
    public static bool IsKnownImmutable(ITypeSymbol type)
    {
        var name = type.FullMetadataName();
        return ImmutableDefinitions.Contains(name) || ImmutableTypes.Contains(name);
    }

    private static IEnumerable<IFieldSymbol> AllInstanceFields(ITypeSymbol type)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var field in current.GetMembers().OfType<IFieldSymbol>())
            {
                if (!field.IsStatic && !field.IsConst)
                {
                    yield return field;
                }
            }
        }
    }
}
