using System.Collections.Immutable;
using System.Linq;
using MemoGen.Generator.Checks;
using MemoGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemoGen.Generator.CodeVersions;

/// <summary>
/// MEMO030: tells where a memoized method's code version is blind (a delegate it is handed, reflection), so that the
/// user knows to bump <c>Version</c> when the code behind it changes. Nothing is reported for a pinned version.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CodeVersionAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.UnseenDependency];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // A partial method's attributes merge both parts, and the generated part carries [GeneratedCode]: analyzing only
        // user code would skip exactly the generated methods. The declaration without a body is the user's.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(KnownTypes.MemoizeAttribute) is { } memoize)
            {
                start.RegisterSyntaxNodeAction(node => Analyze(node, memoize), SyntaxKind.MethodDeclaration);
            }
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, INamedTypeSymbol memoize)
    {
        var syntax = (MethodDeclarationSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0
            || syntax.Body is not null
            || syntax.ExpressionBody is not null
            || context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not { } method
            || method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, memoize)) is not { } attribute
            || CodeVersion.IsPinned(attribute))
        {
            return;
        }

        var compilation = context.SemanticModel.Compilation;
        if (MethodChecks.Check(method, syntax, attribute, compilation, context.CancellationToken) is not { CanGenerate: true, Core: { } core })
        {
            return;
        }

        foreach (var blind in CallGraphWalker.Walk(core, compilation, context.CancellationToken).BlindSpots)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UnseenDependency,
                syntax.Identifier.GetLocation(),
                [blind.Location],
                method.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
                blind.What));
        }
    }
}
