using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoGen.CodeFixes.Helpers;

/// <summary>Adds the <c>partial</c> modifier to a method or type declaration.</summary>
internal static class PartialModifier
{
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
