using System.Collections.Generic;
using System.Linq;
using MemoGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoGen.Generator;

/// <summary>
/// How the implementing declaration of a generic partial method restates its type parameters. The compiler requires
/// the same names (CS8826 otherwise), the same constraints (CS0761) and the same nullability in them (CS8667);
/// attributes on the type parameters are merged from both parts, so they are not repeated, and a method's type
/// parameters have no variance.
/// </summary>
internal static class TypeParameterClauses
{
    /// <summary><c>&lt;T, U&gt;</c>, or empty for a method that is not generic.</summary>
    public static string List(IMethodSymbol method) =>
        method.TypeParameters.Length == 0 ? "" : $"<{string.Join(", ", method.TypeParameters.Select(p => SymbolExtensions.EscapeIdentifier(p.Name)))}>";

    /// <summary>Whether a type parameter has the name of a containing type's, which the compiler warns of (CS0693) on each part.</summary>
    public static bool HidesOuterTypeParameter(IMethodSymbol method) =>
        method.TypeParameters.Any(t => method.ContainingType.SelfAndContainingTypes().Any(c => c.TypeParameters.Any(outer => outer.Name == t.Name)));

    /// <summary>
    /// One <c>where</c> clause per constrained type parameter, or null when the declaration states constraints the
    /// compiler rejects (it reports that itself).
    /// </summary>
    public static IReadOnlyList<string>? Constraints(IMethodSymbol method, MethodDeclarationSyntax syntax) =>
        method.IsOverride ? RestatedForOverride(syntax) : method.TypeParameters.Select(Clause).OfType<string>().ToList();

    /// <summary>
    /// An override inherits its constraints and may only restate <c>class</c>, <c>struct</c> or <c>default</c>, which
    /// decide what <c>T?</c> means in its signature: the implementing part restates the same, as written.
    /// </summary>
    private static IReadOnlyList<string>? RestatedForOverride(MethodDeclarationSyntax syntax)
    {
        var clauses = new List<string>();
        foreach (var clause in syntax.ConstraintClauses)
        {
            var keywords = clause.Constraints.Select(c => c switch
            {
                ClassOrStructConstraintSyntax keyword => keyword.ClassOrStructKeyword.Text + keyword.QuestionToken.Text,
                DefaultConstraintSyntax => "default",
                _ => null,
            }).ToList();
            if (keywords.Contains(null))
            {
                return null;
            }

            clauses.Add($"where {SymbolExtensions.EscapeIdentifier(clause.Name.Identifier.ValueText)} : {string.Join(", ", keywords)}");
        }

        return clauses;
    }

    /// <summary>
    /// The clause of one type parameter, in the order C# requires: the primary constraint (<c>class?</c>, <c>struct</c>,
    /// <c>unmanaged</c>, <c>notnull</c>), the types as declared (a base class first) with their nullable annotations,
    /// <c>new()</c>, <c>allows ref struct</c>.
    /// </summary>
    private static string? Clause(ITypeParameterSymbol parameter)
    {
        var constraints = new List<string>();
        if (parameter.HasReferenceTypeConstraint)
        {
            constraints.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
        }
        else if (parameter.HasUnmanagedTypeConstraint)
        {
            constraints.Add("unmanaged");
        }
        else if (parameter.HasValueTypeConstraint)
        {
            constraints.Add("struct");
        }
        else if (parameter.HasNotNullConstraint)
        {
            constraints.Add("notnull");
        }

        constraints.AddRange(parameter.ConstraintTypes.Select(type => type.ToTypeName()));
        if (parameter.HasConstructorConstraint)
        {
            constraints.Add("new()");
        }

        if (parameter.AllowsRefLikeType)
        {
            constraints.Add("allows ref struct");
        }

        return constraints.Count == 0 ? null : $"where {SymbolExtensions.EscapeIdentifier(parameter.Name)} : {string.Join(", ", constraints)}";
    }
}
