using MemoGen.Generator.Models;

namespace MemoGen.Generator;

/// <summary>Writes the throwing body of a method MemoGen could not implement (see <see cref="StubModel"/>).</summary>
internal static class StubEmitter
{
    public static string Emit(StubModel stub) => Emitter.EmitFile(stub.Namespace, stub.ContainingTypes, writer =>
    {
        writer.WriteLine("/// <summary>Not implemented: MemoGen reports a MEMO error on this method saying why, and the build fails until it is fixed.</summary>");
        writer.WriteLine(Emitter.GeneratedCode);
        writer.WriteLine($"{stub.Modifiers} {stub.ReturnType} {stub.MethodName}({string.Join(", ", stub.Parameters)}) =>");
        writer.Indent++;
        var message = $"MemoGen could not implement {stub.DisplayName}: see the MEMO error reported on it.";
        writer.WriteLine($"throw new global::System.InvalidOperationException({Emitter.Literal(message)});");
        writer.Indent--;
    });
}
