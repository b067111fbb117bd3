using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.CodeFixes.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoGen.CodeFixes;

/// <summary>
/// Makes a <c>[Memoize]</c> method, and every type that contains it, <c>partial</c> from the compiler's own errors. When
/// <c>partial</c> is missing the command-line compiler stops at CS0751, CS8795 or CS0501 before any analyzer runs, so
/// MEMO004 (and its fix) is never reported there; this fix is offered on those errors instead, but only for a method
/// that carries <c>[Memoize]</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeMemoizedPartialFromCompilerErrorCodeFixProvider)), Shared]
public sealed class MakeMemoizedPartialFromCompilerErrorCodeFixProvider : CodeFixProvider
{
    private const string Title = "Make the memoized method and its types partial";

    /// <summary>CS0751: a partial member outside a partial type.</summary>
    public const string PartialMemberInNonPartialType = "CS0751";

    /// <summary>CS8795: a partial method with accessibility has no implementation (here: no generated one).</summary>
    public const string PartialMethodWithoutImplementation = "CS8795";

    /// <summary>CS0501: a method without a body that is neither abstract, extern nor partial.</summary>
    public const string MethodWithoutBody = "CS0501";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(PartialMemberInNonPartialType, PartialMethodWithoutImplementation, MethodWithoutBody);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            MethodDeclarationSyntax? method = DiagnosticTargets.Find<MethodDeclarationSyntax>(root, diagnostic);
            if (method is null || !IsMemoized(method, model, context.CancellationToken))
            {
                continue;
            }

            List<MemberDeclarationSyntax> declarations = PartialModifier.MissingFrom(method);
            if (declarations.Count == 0)
            {
                continue;
            }

            context.RegisterCodeFix(
                PartialModifier.AddToAll(Title, context.Document, root, declarations, nameof(MakeMemoizedPartialFromCompilerErrorCodeFixProvider)),
                diagnostic);
        }
    }

    private static bool IsMemoized(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetDeclaredSymbol(method, cancellationToken) is { } symbol
        && symbol.GetAttributes().Any(static attribute => attribute.AttributeClass is
        {
            Name: "MemoizeAttribute",
            ContainingNamespace: { Name: "MemoGen", ContainingNamespace.IsGlobalNamespace: true },
        });
}
