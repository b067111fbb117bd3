using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.CodeVersions;

/// <summary>
/// One semantic model per syntax tree and compilation, shared by the walks of every memoized method of the compilation,
/// so that a helper many methods call is bound once. Held weakly by the compilation: nothing outlives it.
/// </summary>
internal static class SharedModels
{
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<SyntaxTree, SemanticModel>> Models = new();

#pragma warning disable RS1030 // The walk follows calls into other files; only their models can bind those bodies.
#pragma warning disable RSEXPERIMENTAL001 // The walk needs symbols, not their nullability: skipping the nullable analysis of each body halves its binding.
    public static SemanticModel For(Compilation compilation, SyntaxTree tree) =>
        Models.GetValue(compilation, static _ => new ConcurrentDictionary<SyntaxTree, SemanticModel>())
            .GetOrAdd(tree, t => compilation.GetSemanticModel(t, SemanticModelOptions.DisableNullableAnalysis));
#pragma warning restore RSEXPERIMENTAL001
#pragma warning restore RS1030
}
