using System.Linq;
using MemoGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.Checks;

/// <summary>The immutable types to declare instead of a mutable result (MEMO008), first the one a code fix would pick.</summary>
internal static class ImmutableSuggestions
{
    /// <summary>The suggestion as a message reads it, and the first suggested type when there is one to construct.</summary>
    public static (string Text, ITypeSymbol? Suggested) For(ITypeSymbol mutable, Compilation compilation)
    {
        var keep = $" (the implementation may keep returning '{mutable.ForMessage()}')";
        if (mutable is IArrayTypeSymbol { IsSZArray: true } array)
        {
            var e = array.ElementType.ForMessage();
            return ($"'ImmutableArray<{e}>', 'ReadOnlyMemory<{e}>' or 'IReadOnlyList<{e}>'{keep}", Construct(compilation, KnownTypes.ImmutableArray, array.ElementType));
        }

        if (mutable is INamedTypeSymbol { TypeArguments.Length: 1 } one)
        {
            var argument = one.TypeArguments[0];
            var e = argument.ForMessage();
            if (one.Is(KnownTypes.List) || one.Is("System.Collections.Generic.IList`1") || one.Is("System.Collections.Generic.ICollection`1"))
            {
                return ($"'IReadOnlyList<{e}>' or 'ImmutableList<{e}>'{(one.Is(KnownTypes.List) ? keep : "")}", Construct(compilation, KnownTypes.ReadOnlyList, argument));
            }

            if (one.Is(KnownTypes.HashSet) || one.Is("System.Collections.Generic.ISet`1"))
            {
                return ($"'FrozenSet<{e}>' or 'IReadOnlySet<{e}>'{(one.Is(KnownTypes.HashSet) ? keep : "")}", Construct(compilation, KnownTypes.FrozenSet, argument));
            }
        }

        if (mutable is INamedTypeSymbol { TypeArguments.Length: 2 } two
            && (two.Is(KnownTypes.Dictionary) || two.Is("System.Collections.Generic.IDictionary`2")))
        {
            var k = two.TypeArguments[0].ForMessage();
            var v = two.TypeArguments[1].ForMessage();
            return ($"'FrozenDictionary<{k}, {v}>' or 'IReadOnlyDictionary<{k}, {v}>'{(two.Is(KnownTypes.Dictionary) ? keep : "")}",
                Construct(compilation, KnownTypes.FrozenDictionary, two.TypeArguments[0], two.TypeArguments[1]));
        }

        if (mutable is ITypeParameterSymbol)
        {
            return ($"a concrete immutable type, or constrain '{mutable.ForMessage()}' with 'unmanaged', since it could stand for a mutable type", null);
        }

        if (mutable is INamedTypeSymbol { TypeArguments.Length: > 0 } container && ImmutabilityRules.IsKnownImmutable(container)
            && container.TypeArguments.FirstOrDefault(a => !ImmutabilityRules.IsImmutable(a)) is { } mutableArgument)
        {
            return ($"'{container.ForMessage()}' with an immutable type in place of '{mutableArgument.ForMessage()}', such as {For(mutableArgument, compilation).Text}", null);
        }

        return mutable.Locations.IsEmpty || !mutable.Locations[0].IsInSource
            ? ("a type no caller can change, such as a record with init-only properties or an immutable collection", null)
            : ($"a type no caller can change: give '{mutable.ForMessage()}' only readonly fields and init-only properties, "
               + $"or implement IAsImmutable<T> on it and return that T", null);
    }

    /// <summary>The suggested type, when it is itself immutable: <c>ImmutableArray&lt;int[]&gt;</c> for <c>int[][]</c> is not, and gets no fix.</summary>
    private static ITypeSymbol? Construct(Compilation compilation, string definition, params ITypeSymbol[] arguments) =>
        compilation.GetTypeByMetadataName(definition) is { } type && type.Construct(arguments) is var constructed && ImmutabilityRules.IsImmutable(constructed)
            ? constructed
            : null;
}
