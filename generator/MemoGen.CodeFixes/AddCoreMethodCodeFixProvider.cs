using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.CodeFixes.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace MemoGen.CodeFixes;

/// <summary>
/// MEMO006: adds the missing implementation method <c>&lt;Method&gt;Core</c> after the memoized method: private, static
/// when the memoized method is, with the same parameters and return type, and a body that throws.
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
            if (method?.Parent is not TypeDeclarationSyntax)
            {
                continue;
            }

            string coreName = method.Identifier.ValueText + "Core";
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add '{coreName}'",
                    cancellationToken => AddCoreAsync(context.Document, root, method, coreName, cancellationToken),
                    equivalenceKey: nameof(AddCoreMethodCodeFixProvider)),
                diagnostic);
        }
    }

    private static async Task<Document> AddCoreAsync(
        Document document, SyntaxNode root, MethodDeclarationSyntax method, string coreName, CancellationToken cancellationToken)
    {
        Document changed = document.WithSyntaxRoot(root.InsertNodesAfter(method, [CreateCore(method, coreName)]));
        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static MethodDeclarationSyntax CreateCore(MethodDeclarationSyntax method, string coreName)
    {
        SyntaxTokenList modifiers = SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword));
        if (method.Modifiers.Any(SyntaxKind.StaticKeyword))
        {
            modifiers = modifiers.Add(SyntaxFactory.Token(SyntaxKind.StaticKeyword));
        }

        // Attributes ([MemoIgnore]...) and default values describe the memoized signature; the generated code passes
        // every argument to the implementation, so its parameters are the bare names and types.
        ParameterListSyntax parameters = SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(
            method.ParameterList.Parameters.Select(static parameter => parameter
                .WithAttributeLists(default)
                .WithModifiers(SyntaxFactory.TokenList(parameter.Modifiers.Where(static m => !m.IsKind(SyntaxKind.ThisKeyword))))
                .WithDefault(null)
                .WithoutTrivia())));

        return SyntaxFactory.MethodDeclaration(method.ReturnType.WithoutTrivia(), SyntaxFactory.Identifier(coreName))
            .WithModifiers(modifiers)
            .WithTypeParameterList(method.TypeParameterList?.WithoutTrivia())
            .WithParameterList(parameters)
            .WithConstraintClauses(method.ConstraintClauses)
            .WithBody(SyntaxFactory.Block(SyntaxFactory.ParseStatement("throw new System.NotImplementedException();")))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }
}
