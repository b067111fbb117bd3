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
        var call = new CallShape(model, self: "__memoOwner", context: "__memoContext");

        writer.WriteLine($"/// <summary>Cache operations for <c>{model.MethodName}</c>: is a call cached, recompute or invalidate it, clear, describe.</summary>");
        switch (model.Form)
        {
            case MemoForm.ContextIsThis:
                writer.WriteLine($"{model.Accessibility} {handle} {model.Stem}Memo => new(this);");
                break;
            case MemoForm.StaticWithContext:
                writer.WriteLine($"{model.Accessibility} static {handle} {model.Stem}Memo({contextType} {methodCall.ContextParameter}) => new({methodCall.ContextParameter});");
                break;
            default:
                writer.WriteLine($"{model.Accessibility} {handle} {model.Stem}Memo({contextType} {methodCall.ContextParameter}) => new(this, {methodCall.ContextParameter});");
                break;
        }

        writer.WriteLine($"/// <summary>Cache operations for <c>{model.MethodName}</c>, cached as <c>\"{Emitter.XmlText(model.FunctionName)}\"</c>.</summary>");
        writer.WriteLine(Emitter.GeneratedCode);
        writer.WriteLine($"{model.Accessibility} readonly struct {handle}");
        writer.OpenBlock();

        var fields = model.Form switch
        {
            MemoForm.ContextIsThis => new[] { (model.OwnerType, "__memoOwner") },
            MemoForm.StaticWithContext => new[] { (contextType!, "__memoContext") },
            _ => new[] { (model.OwnerType, "__memoOwner"), (contextType!, "__memoContext") },
        };
        foreach (var (type, name) in fields)
        {
            writer.WriteLine($"private readonly {type} {name};");
        }

        var ctorParameters = string.Join(", ", fields.Select(f => $"{f.Item1} {f.Item2}"));
        var assignment = fields.Length == 1
            ? $"this.{fields[0].Item2} = {fields[0].Item2}"
            : $"({string.Join(", ", fields.Select(f => "this." + f.Item2))}) = ({string.Join(", ", fields.Select(f => f.Item2))})";
        writer.WriteLine($"internal {handle}({ctorParameters}) => {assignment};");
        writer.WriteLine($"private {Emitter.TableType(model)} __memoTable => {Emitter.FunctionField(model)}.TableIn({call.Context});");
        var newKey = $"new {KeyEmitter.KeyType(model)}({call.KeyArguments})";

        // One line per member after its summary, without blank lines between: the handle reads as a list of operations.
        writer.WriteLine("/// <summary>Whether the result of this call is in the cache.</summary>");
        writer.WriteLine($"public bool IsCached({keyParameters}) => __memoTable.Contains({newKey});");
        writer.WriteLine("/// <summary>Removes the cached result of this call; returns whether there was one.</summary>");
        writer.WriteLine($"public bool Invalidate({keyParameters}) => __memoTable.Invalidate({newKey});");
        writer.WriteLine("/// <summary>Computes this call anew, whether or not it is cached, and caches the fresh result.</summary>");
        var run = CallShape.RunMethod(model);
        writer.WriteLine(model.Async switch
        {
            AsyncKind.None => $"public {model.ReturnType} Recompute({callParameters}) => __memoTable.Recompute({newKey}, {call.State}, {run});",
            AsyncKind.Task => $"public {model.ReturnType} RecomputeAsync({callParameters}) => __memoTable.RecomputeAsync({newKey}, {call.State}, {run}, {call.CallerToken}).AsTask();",
            _ => $"public {model.ReturnType} RecomputeAsync({callParameters}) => __memoTable.RecomputeAsync({newKey}, {call.State}, {run}, {call.CallerToken});",
        });
        writer.WriteLine("/// <summary>Removes every cached result of this function from the context; returns how many.</summary>");
        writer.WriteLine("public long Clear() => __memoTable.Clear();");
        writer.WriteLine("/// <summary>A readable description of this call, such as <c>name(x=1, label=\"a\")</c>.</summary>");
        var describedArguments = (model.Form == MemoForm.InstanceWithContext ? new[] { ("this", "__memoOwner") } : [])
            .Concat(model.Parameters.Where(p => p.Role == ParameterRole.Key).Select(p => (p.PlainName, p.Name)))
            .Select(a => $", ({Emitter.Literal(a.Item1)}, global::MemoGen.Infrastructure.MemoCallFormatter.Value({a.Item2}))");
        writer.WriteLine($"public string Describe({keyParameters}) => global::MemoGen.Infrastructure.MemoCallFormatter.Format({Emitter.Literal(model.FunctionName)}{string.Concat(describedArguments)});");
        writer.WriteLine("/// <summary>The stable hash of this call's key: the same in every process, and the address of its entry on disk.</summary>");
        writer.WriteLine($"public global::MemoGen.MemoHash128 KeyHash({keyParameters}) => global::MemoGen.Infrastructure.MemoKeyHash.Of({newKey});");
        writer.WriteLine("/// <summary>Where this call's entry lives on disk (its metadata file), or null when the function has no disk tier.</summary>");
        writer.WriteLine($"public string? EntryPath({keyParameters}) => __memoTable.EntryPath({newKey});");
        writer.WriteLine("/// <summary>What this function's code version covers (the members and assemblies hashed into it): an entry written by other code is a miss.</summary>");
        writer.WriteLine($"public string ExplainVersion() => {Emitter.Literal(CodeVersions.VersionExplanation.Text(model.FunctionName, model.CodeVersion, model.CodeVersionCovers))};");
        writer.WriteLine("/// <summary>Entries, estimated bytes, hits and misses of this function in the context.</summary>");
        writer.WriteLine("public global::MemoGen.MemoFunctionStatistics Statistics => __memoTable.Statistics;");
        SweepEmitter.Write(writer, model);
        writer.CloseBlock();
    }
}
