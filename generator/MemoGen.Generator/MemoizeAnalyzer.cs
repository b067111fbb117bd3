using System.Collections.Immutable;
using System.Linq;
using MemoGen.Generator.Checks;
using MemoGen.Generator.Diagnostics;
using MemoGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemoGen.Generator;

/// <summary>
/// Reports why a <c>[Memoize]</c> method cannot be generated, by the same checks the generator runs
/// (<see cref="MethodChecks"/>), and cache names used twice in the assembly.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MemoizeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.ReportedByMemoizeAnalyzer;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // The generated implementation carries [GeneratedCode], and a partial method's attributes merge both parts:
        // analyzing "only user code" would skip exactly the methods the generator implemented.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(KnownTypes.MemoizeAttribute) is not { } memoize)
            {
                return;
            }

            var names = new CacheNames();
            start.RegisterSyntaxNodeAction(node => AnalyzeMethod(node, memoize, names), SyntaxKind.MethodDeclaration);
            start.RegisterSyntaxNodeAction(
                node => AnalyzeFunctionInBody(node, memoize),
                SyntaxKind.LocalFunctionStatement,
                SyntaxKind.ParenthesizedLambdaExpression,
                SyntaxKind.SimpleLambdaExpression);
            start.RegisterCompilationEndAction(names.ReportDuplicates);
        });
    }

    private static void AnalyzeMethod(SyntaxNodeAnalysisContext context, INamedTypeSymbol memoize, CacheNames names)
    {
        var syntax = (MethodDeclarationSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0
            || IsGeneratedByMemoGen(syntax.SyntaxTree)
            || context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not { } method
            || AttributeOn(syntax, method, memoize) is not { } attribute)
        {
            return;
        }

        var found = MethodChecks.Check(method, syntax, attribute, context.SemanticModel.Compilation, context.CancellationToken);
        foreach (var problem in found.Problems)
        {
            if (problem.ToDiagnostic() is { } diagnostic)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        var nameSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) as AttributeSyntax;
        names.Add(method.PartialDefinitionPart ?? method, found.Arguments.FunctionName, AttributeChecks.NameLocation(found, nameSyntax));
    }

    /// <summary>
    /// Whether the tree is one MemoGen wrote: it declares no <c>[Memoize]</c> method (its implementations carry only
    /// <c>[GeneratedCode]</c>), so the analyzer need not bind its methods and lambdas, several per memoized method.
    /// </summary>
    private static bool IsGeneratedByMemoGen(SyntaxTree tree) =>
        tree.FilePath.IndexOf(GeneratedTreeMarker, System.StringComparison.Ordinal) >= 0;

    /// <summary>The folder the compiler files a tree added by <see cref="MemoizeGenerator"/> under.</summary>
    private static readonly string GeneratedTreeMarker = typeof(MemoizeGenerator).FullName;

    /// <summary>A local function or lambda cannot be memoized: the generator never sees it, so say so (MEMO016).</summary>
    private static void AnalyzeFunctionInBody(SyntaxNodeAnalysisContext context, INamedTypeSymbol memoize)
    {
        if (IsGeneratedByMemoGen(context.Node.SyntaxTree))
        {
            return;
        }

        var container = $"the method '{context.ContainingSymbol?.ForMessage()}'";
        var (attributes, location, name, where) = context.Node switch
        {
            LocalFunctionStatementSyntax local => (local.AttributeLists, local.Identifier.GetLocation(), local.Identifier.ValueText, container + " (it is a local function)"),
            LambdaExpressionSyntax lambda => (lambda.AttributeLists, lambda.GetLocation(), "lambda", container),
            _ => (default, null, "", ""),
        };
        if (location is not null && attributes.SelectMany(l => l.Attributes).Any(a => IsMemoize(context.SemanticModel, a, memoize)))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidContainer, location, name, where));
        }
    }

    private static bool IsMemoize(SemanticModel model, AttributeSyntax attribute, INamedTypeSymbol memoize) =>
        model.GetSymbolInfo(attribute).Symbol is IMethodSymbol constructor && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, memoize);

    /// <summary>
    /// The <c>[Memoize]</c> written on this declaration. A partial method's attributes merge both of its parts, so the one
    /// that counts is the one whose syntax lies here.
    /// </summary>
    private static AttributeData? AttributeOn(MethodDeclarationSyntax syntax, IMethodSymbol method, INamedTypeSymbol memoize) =>
        method.GetAttributes().FirstOrDefault(a =>
            SymbolEqualityComparer.Default.Equals(a.AttributeClass, memoize)
            && a.ApplicationSyntaxReference is { } reference
            && reference.SyntaxTree == syntax.SyntaxTree
            && syntax.Span.Contains(reference.Span));
}
