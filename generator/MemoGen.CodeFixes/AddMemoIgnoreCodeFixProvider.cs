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
using Microsoft.CodeAnalysis.Simplification;

namespace MemoGen.CodeFixes;

/// <summary>MEMO001: leaves the unhashable parameter out of the key with <c>[MemoGen.MemoIgnore]</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddMemoIgnoreCodeFixProvider)), Shared]
public sealed class AddMemoIgnoreCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnhashableParameter);

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
            ParameterSyntax? parameter = DiagnosticTargets.Find<ParameterSyntax>(root, diagnostic);
            if (parameter is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Leave '{parameter.Identifier.ValueText}' out of the key with [MemoIgnore]",
                    cancellationToken => AddAttributeAsync(context.Document, root, parameter, cancellationToken),
                    equivalenceKey: nameof(AddMemoIgnoreCodeFixProvider)),
                diagnostic);
        }
    }

    private static Task<Document> AddAttributeAsync(Document document, SyntaxNode root, ParameterSyntax parameter, CancellationToken cancellationToken)
    {
        NameSyntax name = SyntaxFactory.ParseName("global::MemoGen.MemoIgnore").WithAdditionalAnnotations(Simplifier.Annotation);
        AttributeListSyntax attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(name)))
            .WithTrailingTrivia(SyntaxFactory.Space);
        ParameterSyntax ignored = parameter.AttributeLists.Count == 0
            ? parameter.WithoutLeadingTrivia().AddAttributeLists(attribute.WithLeadingTrivia(parameter.GetLeadingTrivia()))
            : parameter.AddAttributeLists(attribute);
        Document changed = document.WithSyntaxRoot(root.ReplaceNode(parameter, ignored));
        return Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken);
    }
}
