using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MemoGen.Generator.Helpers;

internal static class SymbolExtensions
{
    /// <summary>How generated code names a type: <c>global::</c>-qualified, keywords for special types, nullable annotations kept.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string ToTypeName(this ITypeSymbol type) => type.ToDisplayString(TypeFormat);

    /// <summary>The metadata name with namespace, such as <c>System.Collections.Generic.List`1</c>.</summary>
    public static string FullMetadataName(this ITypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        var ns = definition.ContainingNamespace;
        var name = definition.MetadataName;
        for (var outer = definition.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }

    public static bool Is(this ITypeSymbol type, string fullMetadataName) => type.FullMetadataName() == fullMetadataName;

    public static bool DerivesFrom(this ITypeSymbol type, string fullMetadataName)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Is(fullMetadataName))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Implements(this ITypeSymbol type, string fullMetadataName)
    {
        if (type is ITypeParameterSymbol parameter)
        {
            foreach (var constraint in parameter.ConstraintTypes)
            {
                if (constraint.Is(fullMetadataName) || constraint.Implements(fullMetadataName))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.Is(fullMetadataName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The single type argument of a generic type whose definition is <paramref name="fullMetadataName"/>.</summary>
    public static ITypeSymbol? TypeArgumentOf(this ITypeSymbol type, string fullMetadataName) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named && named.Is(fullMetadataName)
            ? named.TypeArguments[0]
            : null;

    public static bool HasAttribute(this ISymbol symbol, string fullMetadataName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && attributeClass.Is(fullMetadataName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An identifier as it must be written in code: keywords get an <c>@</c>.</summary>
    public static string EscapeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    public static bool IsPrimitiveForRawHashing(this ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_SByte or SpecialType.System_Byte
            or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
            or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double => true,
        _ => false,
    };

    /// <summary>Whether the compiler could not resolve the type or any type it is built from (it reports that itself).</summary>
    public static bool ContainsErrorType(this ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => array.ElementType.ContainsErrorType(),
        IPointerTypeSymbol pointer => pointer.PointedAtType.ContainsErrorType(),
        INamedTypeSymbol named => named.TypeArguments.Any(argument => argument.ContainsErrorType()),
        _ => false,
    };

    /// <summary>The keyword that declares the type: <c>class</c>, <c>struct</c>, <c>record</c> or <c>record struct</c>.</summary>
    public static string DeclarationKeyword(this INamedTypeSymbol type) => (type.IsRecord, type.TypeKind) switch
    {
        (true, TypeKind.Struct) => "record struct",
        (true, _) => "record",
        (false, TypeKind.Struct) => "struct",
        _ => "class",
    };

    public static IEnumerable<INamedTypeSymbol> SelfAndContainingTypes(this INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            yield return current;
        }
    }

    /// <summary>Whether <paramref name="type"/> mentions a type parameter anywhere (<c>T</c>, <c>List&lt;T&gt;</c>, <c>Outer&lt;T&gt;.Inner</c>).</summary>
    public static bool ContainsTypeParameter(this ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => array.ElementType.ContainsTypeParameter(),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsTypeParameter) || (named.ContainingType?.ContainsTypeParameter() ?? false),
        _ => false,
    };
}
