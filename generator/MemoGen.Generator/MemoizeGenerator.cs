using MemoGen.Generator.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoGen.Generator;

/// <summary>Implements every <c>[Memoize]</c> partial method: one generated file per method.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class MemoizeGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var methods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.MemoizeAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntaxContext, cancellationToken) => Parser.Parse(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.Methods)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.ValidMethods);

        context.RegisterSourceOutput(methods, static (output, model) => output.AddSource(model.HintName, Emitter.Emit(model)));
    }
}
