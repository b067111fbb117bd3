using System.Collections.Immutable;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;

namespace MemoGen.Generator;

/// <summary>
/// Writes the compilation's shared key structs (<c>MemoGen.Keys.g.cs</c>): one per key shape, however many methods
/// have it, in a class named after the assembly.
/// </summary>
internal static class SharedKeysEmitter
{
    public const string HintName = "MemoGen.Keys.g.cs";

    /// <summary>The distinct shared keys, ordered by name; empty when no method shares one.</summary>
    public static EquatableArray<SharedKeyModel> Gather(ImmutableArray<SharedKeyModel> keys) =>
        SharedDeclarations.Distinct(keys, static key => key.Name);

    public static string Emit(EquatableArray<SharedKeyModel> keys) =>
        Emitter.EmitSharedClass(keys[0].Class, "internal", writer => SharedDeclarations.WriteEach(writer, keys, KeyEmitter.WriteShared));
}
