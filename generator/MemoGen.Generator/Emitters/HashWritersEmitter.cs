using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;

namespace MemoGen.Generator;

/// <summary>
/// Writes the compilation's shared record writers (<c>MemoGen.HashWriters.g.cs</c>): for each record a key takes, the
/// method that encodes it member by member and its digest, once per compilation instead of once per method.
/// </summary>
internal static class HashWritersEmitter
{
    public const string HintName = "MemoGen.HashWriters.g.cs";

    /// <summary>Gathers the records of every method into one model; null when no method shares one.</summary>
    public static HashWritersModel? Gather(ImmutableArray<MethodModel> methods)
    {
        var sharing = methods.Where(m => m.HashWriters is not null).ToList();
        if (sharing.Count == 0)
        {
            return null;
        }

        var composites = new SortedDictionary<string, CompositeShape>(System.StringComparer.Ordinal);
        foreach (var composite in sharing.SelectMany(m => m.SharedComposites))
        {
            composites[composite.Type] = composite;
        }

        return new HashWritersModel(sharing[0].HashWriters!, composites.Values.ToEquatableArray());
    }

    public static string Emit(HashWritersModel model) => Emitter.EmitSharedClass(model.Class, "internal", writer =>
    {
        var first = true;
        foreach (var composite in model.Composites)
        {
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
            writer.WriteLine($"public static {KeyEmitter.Hash} Digest({StableHashWriter.ParameterType(composite)} value)");
            writer.OpenBlock();
            writer.WriteLine($"var hasher = new {KeyEmitter.Hasher}();");
            writer.WriteLine("Write(ref hasher, value);");
            writer.WriteLine("return hasher.Finish();");
            writer.CloseBlock();
            writer.WriteLine();
            StableHashWriter.WriteComposite(writer, composite, "public static void Write");
        }
    });
}
