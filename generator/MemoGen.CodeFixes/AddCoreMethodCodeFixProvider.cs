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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace MemoGen.CodeFixes;

/// <summary>
/// MEMO006: adds the missing implementation method <c>&lt;Method&gt;Core</c> after the memoized method, as the analyzer
/// declares it (the diagnostic's <see cref="DiagnosticIds.CoreSignatureProperty"/>: private, static when the memoized
/// method is, the same parameters and return type), with a body that throws.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddCoreMethodCodeFixProvider)), Shared]
public sealed class AddCoreMethodCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MissingCore);

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
            if (method?.Parent is not TypeDeclarationSyntax
                || !diagnostic.Properties.TryGetValue(DiagnosticIds.CoreSignatureProperty, out string? signature)
                || SyntaxFactory.ParseMemberDeclaration(signature + "\n{\n    throw new global::System.NotImplementedException();\n}") is not MethodDeclarationSyntax core
                || core.ContainsDiagnostics)
            {
                continue;
            }

            // Elastic trivia, as on nodes the syntax factory makes, lets the formatter lay the method out as a new member.
            core = core
                .WithLeadingTrivia(SyntaxFactory.ElasticMarker)
                .WithTrailingTrivia(SyntaxFactory.ElasticMarker)
                .WithTypeParameterList(method.TypeParameterList?.WithoutTrivia())
                .WithConstraintClauses(method.ConstraintClauses)
                .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add '{core.Identifier.ValueText}'",
                    cancellationToken => AddCoreAsync(context.Document, root, method, core, cancellationToken),
                    equivalenceKey: nameof(AddCoreMethodCodeFixProvider)),
                diagnostic);
        }
    }

    private static async Task<Document> AddCoreAsync(
        Document document, SyntaxNode root, MethodDeclarationSyntax method, MethodDeclarationSyntax core, CancellationToken cancellationToken)
    {
        Document changed = document.WithSyntaxRoot(root.InsertNodesAfter(method, [core]));
        changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
