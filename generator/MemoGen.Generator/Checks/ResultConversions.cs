using System.Linq;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator;

/// <summary>How results relate: what a task yields, and how an implementation's result becomes the declared immutable type (DESIGN §3).</summary>
internal static class ResultConversions
{
    /// <summary>Whether <paramref name="returnType"/> is a task and what it yields; null for a task that yields nothing.</summary>
    public static (AsyncKind Async, ITypeSymbol Result)? Unwrap(ITypeSymbol returnType)
    {
        if (returnType.TypeArgumentOf(KnownTypes.Task) is { } taskResult)
        {
            return (AsyncKind.Task, taskResult);
        }

        if (returnType.TypeArgumentOf(KnownTypes.ValueTask) is { } valueTaskResult)
        {
            return (AsyncKind.ValueTask, valueTaskResult);
        }

        return returnType.Is("System.Threading.Tasks.Task") || returnType.Is("System.Threading.Tasks.ValueTask") ? null : (AsyncKind.None, returnType);
    }

    /// <summary>How the implementation's result becomes the declared immutable type; null when nothing safe fits.</summary>
    public static ResultConversion? Choose(Compilation compilation, ITypeSymbol from, ITypeSymbol to)
    {
        if (from is IArrayTypeSymbol { IsSZArray: true } array)
        {
            var element = array.ElementType;
            if (SameArgument(to, KnownTypes.ImmutableArray, element))
            {
                return ResultConversion.ArrayToImmutableArray;
            }

            if (SameArgument(to, KnownTypes.ReadOnlyMemory, element))
            {
                return ResultConversion.ArrayToReadOnlyMemory;
            }

            if (IsReadOnlySequenceOf(to, element))
            {
                return ResultConversion.ArrayToReadOnlyList;
            }
        }

        if (from.TypeArgumentOf(KnownTypes.List) is { } listElement)
        {
            if (IsReadOnlySequenceOf(to, listElement))
            {
                return ResultConversion.ListToReadOnlyList;
            }

            if (SameArgument(to, KnownTypes.ImmutableList, listElement))
            {
                return ResultConversion.ListToImmutableList;
            }
        }

        if (from is INamedTypeSymbol { TypeArguments.Length: 2 } dictionary && dictionary.Is(KnownTypes.Dictionary)
            && to is INamedTypeSymbol { TypeArguments.Length: 2 } target
            && target.TypeArguments.Zip(dictionary.TypeArguments, (a, b) => SymbolEqualityComparer.Default.Equals(a, b)).All(same => same))
        {
            if (target.Is(KnownTypes.FrozenDictionary))
            {
                return ResultConversion.DictionaryToFrozenDictionary;
            }

            if (target.Is(KnownTypes.ReadOnlyDictionary))
            {
                return ResultConversion.DictionaryToReadOnlyDictionary;
            }
        }

        if (from.TypeArgumentOf(KnownTypes.HashSet) is { } setElement
            && (SameArgument(to, KnownTypes.FrozenSet, setElement) || SameArgument(to, KnownTypes.ReadOnlySet, setElement)))
        {
            return ResultConversion.HashSetToFrozenSet;
        }

        if (from.AllInterfaces.FirstOrDefault(i => i.Is(KnownTypes.AsImmutable)) is { } asImmutable
            && SymbolEqualityComparer.Default.Equals(asImmutable.TypeArguments[0], to))
        {
            return ResultConversion.AsImmutable;
        }

        var conversion = compilation.ClassifyCommonConversion(from, to);
        return conversion is { IsImplicit: true, IsUserDefined: false } && ImmutabilityRules.IsImmutable(from) ? ResultConversion.None : null;
    }

    private static bool SameArgument(ITypeSymbol type, string definition, ITypeSymbol argument) =>
        type.TypeArgumentOf(definition) is { } actual && SymbolEqualityComparer.Default.Equals(actual, argument);

    private static bool IsReadOnlySequenceOf(ITypeSymbol type, ITypeSymbol element) =>
        SameArgument(type, KnownTypes.ReadOnlyList, element)
        || SameArgument(type, KnownTypes.ReadOnlyCollection, element)
        || SameArgument(type, KnownTypes.Enumerable, element);
}
