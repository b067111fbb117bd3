using MemoGen.Generator.Helpers;

namespace MemoGen.Generator.Models;

/// <summary>Everything the emitter needs about one memoized method; plain values only, so the pipeline caches.</summary>
internal sealed record MethodModel
{
    public required string HintName { get; init; }
    public required string? Namespace { get; init; }
    public required EquatableArray<ContainingTypeModel> ContainingTypes { get; init; }

    /// <summary>The innermost containing type, <c>global::</c>-qualified (the owner in form 3).</summary>
    public required string OwnerType { get; init; }

    public required MemoForm Form { get; init; }
    public required string Modifiers { get; init; }
    public required string Accessibility { get; init; }
    public required string MethodName { get; init; }

    /// <summary>The declared return type, such as <c>global::System.Threading.Tasks.Task&lt;double&gt;</c>.</summary>
    public required string ReturnType { get; init; }

    /// <summary>The cached value's type: the return type, or what its task yields.</summary>
    public required string ResultType { get; init; }

    public required AsyncKind Async { get; init; }
    public required string CoreName { get; init; }
    public required AsyncKind CoreAsync { get; init; }

    /// <summary>What the implementation returns (or its task yields).</summary>
    public required string CoreResultType { get; init; }
    public required ResultConversion Conversion { get; init; }
    public required EquatableArray<ParameterModel> Parameters { get; init; }

    /// <summary>Whether the method extends its first parameter's type (<c>this MemoContext context</c>), as both parts must agree.</summary>
    public required bool IsExtension { get; init; }

    /// <summary>How <c>this</c> is hashed in form 3; null otherwise.</summary>
    public required ValueShape? OwnerShape { get; init; }

    /// <summary>The records the key writes itself (when they cannot be shared; see <see cref="HashWriters"/>).</summary>
    public required EquatableArray<CompositeShape> Composites { get; init; }

    /// <summary>
    /// The compilation's shared hash-writer class, <c>global::</c>-qualified, that writes this method's records; null
    /// when the key writes them itself (a record only its containing type can read).
    /// </summary>
    public required string? HashWriters { get; init; }

    /// <summary>
    /// The key struct this method shares with every method whose key has its shape; null when its key is its own (a
    /// component type that only its containing type can name, or a type parameter).
    /// </summary>
    public required SharedKeyModel? SharedKey { get; init; }

    /// <summary>
    /// Where the handle this method shares with every method of its call shape is declared; null when its handle is its
    /// own, nested in its containing type (its key is its own, or a type in its signatures is private to the type).
    /// </summary>
    public required SharedHandlePlace? SharedHandle { get; init; }

    /// <summary>The records the shared hash writers must write for this method.</summary>
    public required EquatableArray<CompositeShape> SharedComposites { get; init; }

    /// <summary>The cache name (<c>Memoize.Name</c>, or the method's name).</summary>
    public required string FunctionName { get; init; }

    public required EquatableArray<string> Tags { get; init; }

    /// <summary>The type named by <c>Memoize.Cacher</c>, <c>global::</c>-qualified, or null.</summary>
    public required string? Cacher { get; init; }

    /// <summary>Whether results not written raw go through MemoryPack (<c>Checks.SerializerRules.UsesMemoryPack</c>).</summary>
    public bool UsesMemoryPack { get; init; }

    /// <summary>A hash of the implementation's source and <c>Memoize.Version</c>: an entry written by other code is a miss.</summary>
    public required string CodeVersion { get; init; }

    /// <summary>What <see cref="CodeVersion"/> covers, one item a line (see <c>CodeVersions.CodeVersion</c>).</summary>
    public required EquatableArray<string> CodeVersionCovers { get; init; }

    /// <summary>The stem of the generated member names: the method's name, or name and cache name for overloads.</summary>
    public required string Stem { get; init; }
}
