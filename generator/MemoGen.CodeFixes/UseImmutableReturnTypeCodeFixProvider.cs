using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.CodeFixes.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace MemoGen.CodeFixes;

/// <summary>
/// MEMO008: changes the memoized method's mutable result type to the immutable type the analyzer suggests (the
/// diagnostic's <see cref="DiagnosticIds.SuggestedReturnTypeProperty"/>), one the generator converts the
/// implementation's result to. The implementation keeps its mutable type.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseImmutableReturnTypeCodeFixProvider)), Shared]
public sealed class UseImmutableReturnTypeCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MutableResult);

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
            MethodDeclarationSyntax? method = DiagnosticTargets.Find<MethodDeclarationSyntax>(root, diagnostic);
            if (method is null
                || !diagnostic.Properties.TryGetValue(DiagnosticIds.SuggestedReturnTypeProperty, out string? suggested)
                || string.IsNullOrEmpty(suggested))
            {
                continue;
            }

            TypeSyntax replacement = SyntaxFactory.ParseTypeName(suggested!)
                .WithTriviaFrom(method.ReturnType)
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Return an immutable type",
                    cancellationToken => ReplaceAsync(context.Document, root, method.ReturnType, replacement, cancellationToken),
                    equivalenceKey: nameof(UseImmutableReturnTypeCodeFixProvider)),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(
        Document document, SyntaxNode root, TypeSyntax returnType, TypeSyntax replacement, CancellationToken cancellationToken)
    {
        Document changed = document.WithSyntaxRoot(root.ReplaceNode(returnType, replacement));
        changed = await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
