using System.Collections.Immutable;
using System.Linq;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;

namespace MemoGen.Generator;

/// <summary>
/// Writes the compilation's shared handles (<c>MemoGen.Handles.g.cs</c>): one per call shape, however many methods
/// have it, in a public class named after the assembly.
/// </summary>
internal static class SharedHandlesEmitter
{
    public const string HintName = "MemoGen.Handles.g.cs";

    /// <summary>
    /// The distinct shared handles, ordered by name, each built once from the methods' views
    /// (<see cref="HandleEmitter.View"/>); empty when no method shares one.
    /// </summary>
    public static EquatableArray<SharedHandleModel> Gather(ImmutableArray<MethodModel> views) =>
        SharedDeclarations.Distinct(views.Distinct().Select(HandleEmitter.Shared).ToImmutableArray(), static handle => handle.Name);

    public static string Emit(EquatableArray<SharedHandleModel> handles) => Emitter.EmitSharedClass(
        handles[0].Class,
        "public",
        writer => SharedDeclarations.WriteEach(writer, handles, static (writer, handle) =>
        {
            foreach (var line in handle.Declaration.TrimEnd('\n').Split('\n'))
            {
                writer.WriteLine(line);
            }
        }),
        "The cache operations of this assembly's memoized methods, one handle per call shape.");
}
