using MemoGen.Generator.Models;

namespace MemoGen.Generator;

/// <summary>Writes the throwing body of a method MemoGen could not implement (see <see cref="StubModel"/>).</summary>
internal static class StubEmitter
{
    private const string HiddenOuterTypeParameter = "CS0693";

    public static string Emit(StubModel stub) => Emitter.EmitFile(stub.Namespace, stub.ContainingTypes, writer =>
    {
        if (stub.HidesOuterTypeParameter)
        {
            writer.WriteLine($"#pragma warning disable {HiddenOuterTypeParameter} // as declared, and the compiler warns on the declaration");
        }

        writer.WriteLine("/// <summary>Not implemented: MemoGen reports a MEMO error on this method saying why, and the build fails until it is fixed.</summary>");
        writer.WriteLine(Emitter.GeneratedCode);
        var declaration = $"{stub.Modifiers} {stub.ReturnType} {stub.MethodName}{stub.TypeParameters}({string.Join(", ", stub.Parameters)})";
        writer.WriteLine(stub.Constraints.Count == 0 ? declaration + " =>" : declaration);
        writer.Indent++;
        for (var i = 0; i < stub.Constraints.Count; i++)
        {
            writer.WriteLine(stub.Constraints[i] + (i == stub.Constraints.Count - 1 ? " =>" : ""));
        }

        var message = $"MemoGen could not implement {stub.DisplayName}: see the MEMO error reported on it.";
        writer.WriteLine($"throw new global::System.InvalidOperationException({Emitter.Literal(message)});");
        writer.Indent--;
        if (stub.HidesOuterTypeParameter)
        {
            writer.WriteLine($"#pragma warning restore {HiddenOuterTypeParameter}");
        }
    });
}
