using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace MemoGen.CodeFixes.Helpers;

/// <summary>
/// The immutable type that replaces a mutable result type: <c>T[]</c> becomes <c>ImmutableArray&lt;T&gt;</c>,
/// <c>List&lt;T&gt;</c> <c>IReadOnlyList&lt;T&gt;</c>, <c>Dictionary&lt;K,V&gt;</c> <c>FrozenDictionary&lt;K,V&gt;</c> and
/// <c>HashSet&lt;T&gt;</c> <c>FrozenSet&lt;T&gt;</c>, also as the result of a <c>Task&lt;&gt;</c> or <c>ValueTask&lt;&gt;</c>.
/// The generator converts the implementation's mutable result to each of these.
/// </summary>
internal static class ImmutableReturnType
{
    private static readonly Dictionary<string, string> Replacements = new()
    {
        ["System.Collections.Generic.List`1"] = "System.Collections.Generic.IReadOnlyList",
        ["System.Collections.Generic.Dictionary`2"] = "System.Collections.Frozen.FrozenDictionary",
        ["System.Collections.Generic.HashSet`1"] = "System.Collections.Frozen.FrozenSet",
    };

    private const string ArrayReplacement = "System.Collections.Immutable.ImmutableArray";

    private static readonly string[] Awaitables = ["System.Threading.Tasks.Task`1", "System.Threading.Tasks.ValueTask`1"];

    /// <summary>
    /// The replacement for <paramref name="type"/>, spelled fully qualified and annotated for the simplifier and the
    /// import adder; <see langword="null"/> when the type is none of the ones this fix knows.
    /// </summary>
    public static TypeSyntax? For(TypeSyntax type, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetTypeInfo(type, cancellationToken).Type is INamedTypeSymbol { IsGenericType: true } awaitable
            && Awaitables.Contains(MetadataName(awaitable.OriginalDefinition))
            && TypeArguments(type) is { Arguments.Count: 1 } awaitableArguments)
        {
            TypeSyntax result = awaitableArguments.Arguments[0];
            return ForResult(result, model, cancellationToken) is { } replaced ? type.ReplaceNode(result, replaced) : null;
        }

        return ForResult(type, model, cancellationToken);
    }

    private static TypeSyntax? ForResult(TypeSyntax type, SemanticModel model, CancellationToken cancellationToken)
    {
        if (type is NullableTypeSyntax nullable)
        {
            return ForResult(nullable.ElementType, model, cancellationToken) is { } replaced ? nullable.WithElementType(replaced) : null;
        }

        if (type is ArrayTypeSyntax array && array.RankSpecifiers[0].Rank == 1)
        {
            // T[][] is an array of T[]: the outermost rank specifier is the first one.
            TypeSyntax element = array.RankSpecifiers.Count == 1
                ? array.ElementType
                : array.WithRankSpecifiers(SyntaxFactory.List(array.RankSpecifiers.Skip(1)));
            return Generic(ArrayReplacement, [element]).WithTriviaFrom(type);
        }

        if (model.GetTypeInfo(type, cancellationToken).Type is INamedTypeSymbol { IsGenericType: true } named
            && Replacements.TryGetValue(MetadataName(named.OriginalDefinition), out string? replacement))
        {
            // Keep the type arguments as the user spelled them, unless the type is spelled through an alias.
            IEnumerable<TypeSyntax> arguments = TypeArguments(type)?.Arguments
                ?? named.TypeArguments.Select(static argument => SyntaxFactory.ParseTypeName(
                    argument.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)));
            return Generic(replacement, arguments.Select(static argument => argument.WithoutTrivia())).WithTriviaFrom(type);
        }

        return null;
    }

    private static TypeSyntax Generic(string qualifiedName, IEnumerable<TypeSyntax> arguments)
    {
        int dot = qualifiedName.LastIndexOf('.');
        NameSyntax container = SyntaxFactory.AliasQualifiedName(
            SyntaxFactory.IdentifierName(SyntaxFactory.Token(SyntaxKind.GlobalKeyword)),
            SyntaxFactory.IdentifierName(qualifiedName.Substring(0, qualifiedName.IndexOf('.'))));
        foreach (string part in qualifiedName.Substring(0, dot).Split('.').Skip(1))
        {
            container = SyntaxFactory.QualifiedName(container, SyntaxFactory.IdentifierName(part));
        }

        return SyntaxFactory.QualifiedName(
                container,
                SyntaxFactory.GenericName(SyntaxFactory.Identifier(qualifiedName.Substring(dot + 1)), SyntaxFactory.TypeArgumentList(SyntaxFactory.SeparatedList(arguments))))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
    }

    private static TypeArgumentListSyntax? TypeArguments(TypeSyntax type) => type switch
    {
        GenericNameSyntax generic => generic.TypeArgumentList,
        QualifiedNameSyntax { Right: GenericNameSyntax generic } => generic.TypeArgumentList,
        AliasQualifiedNameSyntax { Name: GenericNameSyntax generic } => generic.TypeArgumentList,
        _ => null,
    };

    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName;
}
