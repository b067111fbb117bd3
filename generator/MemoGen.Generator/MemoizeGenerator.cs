using MemoGen.Generator.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoGen.Generator;

/// <summary>Implements every <c>[Memoize]</c> partial method: one generated file per method, and the record hash writers, key structs and handles they share.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class MemoizeGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.MemoizeAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntaxContext, cancellationToken) => Parser.Parse(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.Methods);

        var methods = parsed
            .Where(static result => result.Method is not null)
            .Select(static (result, _) => result.Method!)
            .WithTrackingName(TrackingNames.ValidMethods);

        var stubs = parsed
            .Where(static result => result.Stub is not null)
            .Select(static (result, _) => result.Stub!)
            .WithTrackingName(TrackingNames.Stubs);

        var hashWriters = methods
            .Collect()
            .Select(static (all, _) => HashWritersEmitter.Gather(all))
            .WithTrackingName(TrackingNames.HashWriters);

        var sharedKeys = methods
            .Where(static model => model.SharedKey is not null)
            .Select(static (model, _) => model.SharedKey!)
            .Collect()
            .Select(static (all, _) => SharedKeysEmitter.Gather(all))
            .WithTrackingName(TrackingNames.SharedKeys);

        var sharedHandles = methods
            .Where(static model => model.SharedHandle is not null)
            .Select(static (model, _) => HandleEmitter.View(model))
            .Collect()
            .Select(static (all, _) => SharedHandlesEmitter.Gather(all))
            .WithTrackingName(TrackingNames.SharedHandles);

        // A method's file names its shared handle, whose text (and so name) is built once per call shape in sharedHandles.
        var methodsWithHandles = methods.Combine(sharedHandles).WithTrackingName(TrackingNames.MethodsWithHandles);
        context.RegisterSourceOutput(methodsWithHandles, static (output, pair) => output.AddSource(pair.Left.HintName, Emitter.Emit(pair.Left, pair.Right)));
        context.RegisterSourceOutput(hashWriters, static (output, model) =>
        {
            if (model is not null)
            {
                output.AddSource(HashWritersEmitter.HintName, HashWritersEmitter.Emit(model));
            }
        });
        context.RegisterSourceOutput(sharedKeys, static (output, keys) =>
        {
            if (keys.Count > 0)
            {
                output.AddSource(SharedKeysEmitter.HintName, SharedKeysEmitter.Emit(keys));
            }
        });
        context.RegisterSourceOutput(sharedHandles, static (output, handles) =>
        {
            if (handles.Count > 0)
            {
                output.AddSource(SharedHandlesEmitter.HintName, SharedHandlesEmitter.Emit(handles));
            }
        });
        context.RegisterSourceOutput(stubs, static (output, stub) => output.AddSource(stub.HintName, StubEmitter.Emit(stub)));
    }
}
