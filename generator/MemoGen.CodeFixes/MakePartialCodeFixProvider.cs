using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using MemoGen.CodeFixes.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoGen.CodeFixes;

/// <summary>MEMO004: adds <c>partial</c> to the memoized method and to every type that contains it and lacks it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider)), Shared]
public sealed class MakePartialCodeFixProvider : CodeFixProvider
{
    private const string Title = "Make partial";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NotPartial);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // The analyzer may report on the method or on the containing type that is not partial.
            SyntaxNode? target = DiagnosticTargets.Find<SyntaxNode>(root, diagnostic)?
                .AncestorsAndSelf()
                .FirstOrDefault(static node => node is MethodDeclarationSyntax or TypeDeclarationSyntax);
            if (target is null)
            {
                continue;
            }

            List<MemberDeclarationSyntax> declarations = PartialModifier.MissingFrom(target);
            if (declarations.Count == 0)
            {
                continue;
            }

            context.RegisterCodeFix(
                PartialModifier.AddToAll(Title, context.Document, root, declarations, nameof(MakePartialCodeFixProvider)),
                diagnostic);
        }
    }
}
