using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoGen.CodeFixes.Helpers;

/// <summary>Adds the <c>partial</c> modifier to a method or type declaration.</summary>
internal static class PartialModifier
{
    /// <summary>The declarations from <paramref name="node"/> outward (a method, then its containing types) that lack <c>partial</c>.</summary>
    public static List<MemberDeclarationSyntax> MissingFrom(SyntaxNode node) => node.AncestorsAndSelf()
        .OfType<MemberDeclarationSyntax>()
        .Where(static declaration => declaration is MethodDeclarationSyntax or TypeDeclarationSyntax && !Has(declaration))
        .ToList();

    /// <summary>A code action that makes every one of <paramref name="declarations"/> partial.</summary>
    public static CodeAction AddToAll(string title, Document document, SyntaxNode root, List<MemberDeclarationSyntax> declarations, string equivalenceKey) =>
        CodeAction.Create(
            title,
            _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNodes(declarations, static (_, rewritten) => Add(rewritten)))),
            equivalenceKey);

    public static bool Has(MemberDeclarationSyntax declaration) => declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

    /// <summary>
    /// Appends <c>partial</c> after the other modifiers: C# requires it immediately before <c>class</c>, <c>struct</c>,
    /// <c>record</c>, <c>interface</c> or a method's return type.
    /// </summary>
    public static MemberDeclarationSyntax Add(MemberDeclarationSyntax declaration)
    {
        SyntaxTriviaList leading = SyntaxTriviaList.Empty;
        if (declaration.Modifiers.Count == 0)
        {
            // The keyword or return type carries the indentation; it moves to the new first token.
            SyntaxToken first = declaration.AttributeLists.Count == 0
                ? declaration.GetFirstToken()
                : declaration.AttributeLists[declaration.AttributeLists.Count - 1].GetLastToken().GetNextToken();
            leading = first.LeadingTrivia;
            declaration = declaration.ReplaceToken(first, first.WithLeadingTrivia(SyntaxTriviaList.Empty));
        }

        SyntaxToken partial = SyntaxFactory.Token(leading, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return declaration.WithModifiers(declaration.Modifiers.Add(partial));
    }
}
