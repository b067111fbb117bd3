using System.CodeDom.Compiler;
using System.Linq;
using MemoGen.Generator.Models;

namespace MemoGen.Generator;

/// <summary>
/// Writes the per-method handle (joblib's <c>MemorizedFunc</c>): is a call cached, recompute it, invalidate it,
/// clear the function, describe a call, its stable key hash and statistics.
/// </summary>
internal static class HandleEmitter
{
    public static void Write(IndentedTextWriter writer, MethodModel model, CallShape methodCall)
    {
        var handle = model.Stem + "MemoHandle";
        var contextType = model.Parameters.FirstOrDefault(p => p.Role == ParameterRole.Context)?.Type;
        var keyParameters = string.Join(", ", model.Parameters.Where(p => p.Role == ParameterRole.Key).Select(p => $"{p.Type} {p.Name}"));
        var callParameters = string.Join(", ", model.Parameters.Where(p => p.Role != ParameterRole.Context).Select(p => $"{p.Type} {p.Name}"));
        var call = new CallShape(model, self: "__owner", context: "__context");

        writer.WriteLine($"/// <summary>Cache operations for <c>{model.MethodName}</c>: is a call cached, recompute or invalidate it, clear, describe.</summary>");
        writer.WriteLine(Emitter.GeneratedCode);
        switch (model.Form)
        {
            case MemoForm.ContextIsThis:
                writer.WriteLine($"{model.Accessibility} {handle} {model.Stem}Memo => new {handle}(this);");
                break;
            case MemoForm.StaticWithContext:
                writer.WriteLine($"{model.Accessibility} static {handle} {model.Stem}Memo({contextType} {methodCall.ContextParameter}) => new {handle}({methodCall.ContextParameter});");
                break;
            default:
                writer.WriteLine($"{model.Accessibility} {handle} {model.Stem}Memo({contextType} {methodCall.ContextParameter}) => new {handle}(this, {methodCall.ContextParameter});");
                break;
        }

        writer.WriteLine();
        writer.WriteLine($"/// <summary>Cache operations for <c>{model.MethodName}</c>, cached as <c>\"{Emitter.XmlText(model.FunctionName)}\"</c>.</summary>");
        writer.WriteLine(Emitter.GeneratedCode);
        writer.WriteLine($"{model.Accessibility} readonly struct {handle}");
        writer.OpenBlock();

        var fields = model.Form switch
        {
            MemoForm.ContextIsThis => new[] { (model.OwnerType, "__owner") },
            MemoForm.StaticWithContext => new[] { (contextType!, "__context") },
            _ => new[] { (model.OwnerType, "__owner"), (contextType!, "__context") },
        };
        foreach (var (type, name) in fields)
        {
            writer.WriteLine($"private readonly {type} {name};");
        }

        writer.WriteLine();
        writer.WriteLine($"internal {handle}({string.Join(", ", fields.Select(f => $"{f.Item1} {f.Item2}"))})");
        writer.OpenBlock();
        foreach (var (_, name) in fields)
        {
            writer.WriteLine($"this.{name} = {name};");
        }

        writer.CloseBlock();
        writer.WriteLine();
        var table = Emitter.TableType(model);
        writer.WriteLine($"private {table} __Table => {Emitter.FunctionField(model)}.TableIn({call.Context});");
        writer.WriteLine();
        var newKey = $"new {KeyEmitter.KeyType(model)}({call.KeyArguments})";

        writer.WriteLine("/// <summary>Whether the result of this call is in the cache.</summary>");
        writer.WriteLine($"public bool IsCached({keyParameters}) => __Table.Contains({newKey});");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Removes the cached result of this call; returns whether there was one.</summary>");
        writer.WriteLine($"public bool Invalidate({keyParameters}) => __Table.Invalidate({newKey});");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Computes this call anew, whether or not it is cached, and caches the fresh result.</summary>");
        switch (model.Async)
        {
            case AsyncKind.None:
                writer.WriteLine($"public {model.ReturnType} Recompute({callParameters}) =>");
                writer.Indent++;
                writer.WriteCall("__Table.Recompute", [newKey, call.State, call.ComputeLambda], ";");
                writer.Indent--;
                break;
            default:
                var asTask = model.Async == AsyncKind.Task ? ".AsTask()" : "";
                writer.WriteLine($"public {model.ReturnType} RecomputeAsync({callParameters}) =>");
                writer.Indent++;
                writer.WriteCall("__Table.RecomputeAsync", [newKey, call.State, call.ComputeLambda, call.CallerToken], asTask + ";");
                writer.Indent--;
                break;
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>Removes every cached result of this function from the context; returns how many.</summary>");
        writer.WriteLine("public long Clear() => __Table.Clear();");
        writer.WriteLine();
        writer.WriteLine("/// <summary>A readable description of this call, such as <c>name(x=1, label=\"a\")</c>.</summary>");
        var describedArguments = (model.Form == MemoForm.InstanceWithContext ? new[] { ("this", "__owner") } : [])
            .Concat(model.Parameters.Where(p => p.Role == ParameterRole.Key).Select(p => (p.PlainName, p.Name)))
            .Select(a => $", ({Emitter.Literal(a.Item1)}, global::MemoGen.Infrastructure.MemoCallFormatter.Value({a.Item2}))");
        writer.WriteLine($"public string Describe({keyParameters}) =>");
        writer.Indent++;
        writer.WriteLine($"global::MemoGen.Infrastructure.MemoCallFormatter.Format({Emitter.Literal(model.FunctionName)}{string.Concat(describedArguments)});");
        writer.Indent--;
        writer.WriteLine();
        writer.WriteLine("/// <summary>The stable hash of this call's key: the same in every process, and the address of its entry on disk.</summary>");
        writer.WriteLine($"public global::MemoGen.MemoHash128 KeyHash({keyParameters}) => global::MemoGen.Infrastructure.MemoKeyHash.Of({newKey});");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Where this call's entry lives on disk (its metadata file), or null when the function has no disk tier.</summary>");
        writer.WriteLine($"public string? EntryPath({keyParameters}) => __Table.EntryPath({newKey});");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Entries, estimated bytes, hits and misses of this function in the context.</summary>");
        writer.WriteLine("public global::MemoGen.MemoFunctionStatistics Statistics => __Table.Statistics;");
        SweepEmitter.Write(writer, model);
        writer.CloseBlock();
    }
}
