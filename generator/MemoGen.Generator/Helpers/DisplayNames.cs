using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.Helpers;

/// <summary>How diagnostics name symbols: as a user writes them, without namespaces.</summary>
internal static class DisplayNames
{
    private static readonly SymbolDisplayFormat TypeFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
            | SymbolDisplayMiscellaneousOptions.UseSpecialTypes
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat MemberFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    private static readonly SymbolDisplayFormat SignatureFormat = MemberFormat
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType)
        .AddMemberOptions(SymbolDisplayMemberOptions.IncludeParameters);

    /// <summary>A type as it reads in a message, such as <c>ImmutableArray&lt;double&gt;</c> or <c>Outer.Cell</c>.</summary>
    public static string ForMessage(this ITypeSymbol type) => type.ToDisplayString(TypeFormat);

    /// <summary>A method or type with its containing types, such as <c>Sky.RmsSquared</c>.</summary>
    public static string ForMessage(this ISymbol symbol) => symbol is ITypeSymbol type ? type.ForMessage() : symbol.ToDisplayString(MemberFormat);

    /// <summary>A method with its parameter types, to tell overloads apart, such as <c>Grid.Count(int)</c>.</summary>
    public static string WithParameterTypes(this IMethodSymbol method) => method.ToDisplayString(SignatureFormat);
}
