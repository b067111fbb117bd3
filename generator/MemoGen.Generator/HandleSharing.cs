using System.Collections.Generic;
using System.Linq;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator;

/// <summary>
/// Decides whether a method's handle can be a struct shared with every method of the same call shape (generic over the
/// owner and the context): it can when its key is shared and code anywhere in the assembly can name every type in the
/// handle's signatures. The shared handle is public when all of those types are, so that a public method's handle
/// property can return it.
/// </summary>
internal static class HandleSharing
{
    /// <returns>The handle's place, or null when the method keeps its own handle nested in its containing type.</returns>
    public static SharedHandlePlace? For(IMethodSymbol method, ITypeSymbol resultType, SharedKeyModel? sharedKey, Compilation compilation)
    {
        var types = method.Parameters.Select(p => p.Type).Append(method.ReturnType).Append(resultType).ToList();
        if (sharedKey is null || types.Any(t => t.ContainsTypeParameter() || !compilation.IsSymbolAccessibleWithin(t, compilation.Assembly)))
        {
            return null;
        }

        return new SharedHandlePlace(GeneratedNames.SharedHandlesClass(compilation.AssemblyName), types.All(IsPublic));
    }

    private static bool IsPublic(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => IsPublic(array.ElementType),
        INamedTypeSymbol named => named.SelfAndContainingTypes().All(t => t.DeclaredAccessibility == Accessibility.Public) && named.TypeArguments.All(IsPublic),
        _ => true,
    };
}
