using System.CodeDom.Compiler;
using System.IO;
using System.Linq;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;

namespace MemoGen.Generator;

/// <summary>
/// Writes a method's handle (joblib's <c>MemorizedFunc</c>): is a call cached, recompute it, invalidate it, clear the
/// function, describe a call, its stable key hash and statistics. The handle holds what the method runs on, its
/// function descriptor and its run method, so its text is the same for every method of one call shape: such methods
/// share one handle generic over the owner (or the context, when it is a parameter) (<see cref="SharedHandlesEmitter"/>), which
/// takes the method's function and reads the run method from it. A method whose
/// signature names a type private to its containing type keeps its own, nested there.
/// </summary>
internal static class HandleEmitter
{
    private const string NamePlaceholder = "@@handle@@";

    /// <summary>Writes the method's handle property, and the handle itself when it is the method's own.</summary>
    /// <param name="shared">The compilation's shared handles (<see cref="SharedHandlesEmitter.Gather"/>), where the method's is found by its view.</param>
    public static void Write(IndentedTextWriter writer, MethodModel model, EquatableArray<SharedHandleModel> shared)
    {
        var context = model.Parameters.FirstOrDefault(p => p.Role == ParameterRole.Context);
        var type = model.SharedHandle is { } place
            ? $"{place.Class}.{NameOf(View(model), shared)}<{model.Form switch
            {
                MemoForm.ContextIsThis => model.OwnerType,
                MemoForm.StaticWithContext => context!.Type,
                _ => context!.Type,
            }}>"
            : model.Stem + "MemoHandle";
        var plumbing = model.SharedHandle is null ? "" : $", {Emitter.FunctionField(model)}";
        writer.WriteLine($"/// <summary>Cache operations for <c>{model.MethodName}</c>: is a call cached, recompute or invalidate it, clear, describe.</summary>");
        writer.WriteLine(model.Form switch
        {
            MemoForm.ContextIsThis => $"{model.Accessibility} {type} {model.Stem}Memo => new(this{plumbing});",
            MemoForm.StaticWithContext => $"{model.Accessibility} static {type} {model.Stem}Memo({context!.Type} {context.Name}) => new({context.Name}{plumbing});",
            _ => $"{model.Accessibility} {type} {model.Stem}Memo({context!.Type} {context.Name}) => new(this, {context.Name}{plumbing});",
        });
        if (model.SharedHandle is null)
        {
            // Its own handle names the method's function and run method where they are, and so takes only the target:
            // its key may be a type private to the containing type, which a constructor parameter could not name.
            WriteDeclaration(writer, model, new Declaration(model.Stem + "MemoHandle", model.Accessibility, "", null, Emitter.FunctionField(model), CallShape.RunMethod(model)));
        }
    }

    /// <summary>
    /// What the method's shared handle is made of: the method with the owner and context types made type parameters and
    /// every part the handle does not use left out, so that the methods of one call shape have equal views and their
    /// handle's text is built once (<see cref="Shared"/>). Only for a method with <see cref="MethodModel.SharedHandle"/>.
    /// </summary>
    public static MethodModel View(MethodModel model) => model with
    {
        HintName = "",
        Namespace = null,
        ContainingTypes = EquatableArray<ContainingTypeModel>.Empty,
        // In form 3 the owner is part of the key, so the handle names its type.
        OwnerType = model.Form == MemoForm.InstanceWithContext ? model.OwnerType : "TOwner",
        Modifiers = "",
        Accessibility = "",
        MethodName = "",
        CoreName = "",
        CoreAsync = AsyncKind.None,
        CoreResultType = "",
        Conversion = ResultConversion.None,
        IsExtension = false,
        OwnerShape = null,
        Composites = EquatableArray<CompositeShape>.Empty,
        HashWriters = null,
        SharedComposites = EquatableArray<CompositeShape>.Empty,
        FunctionName = "",
        Tags = EquatableArray<string>.Empty,
        Cacher = null,
        UsesMemoryPack = false,
        CodeVersion = "",
        CodeVersionCovers = EquatableArray<string>.Empty,
        Stem = "",
        Parameters = model.Parameters.Select(p => p.Role == ParameterRole.Context ? p with { Type = "TContext" } : p).ToEquatableArray(),
    };

    /// <summary>The shared handle of the methods whose <see cref="View"/> is <paramref name="view"/>.</summary>
    public static SharedHandleModel Shared(MethodModel view)
    {
        var place = view.SharedHandle!;
        var (typeParameters, constraint) = view.Form switch
        {
            MemoForm.ContextIsThis => ("<TOwner>", "where TOwner : global::MemoGen.MemoContext"),
            MemoForm.StaticWithContext => ("<TContext>", "where TContext : global::MemoGen.MemoContext"),
            _ => ("<TContext>", "where TContext : global::MemoGen.MemoContext"),
        };
        using var text = new StringWriter();
        using (var writer = new IndentedTextWriter(text, "    "))
        {
            WriteDeclaration(writer, view, new Declaration(NamePlaceholder, place.IsPublic ? "public" : "internal", typeParameters, constraint, null, null));
        }

        var declaration = text.ToString().Replace("\r\n", "\n");
        var name = GeneratedNames.SharedHandleName(view.Parameters.Where(p => p.Role == ParameterRole.Key).Select(p => p.PlainName), declaration);
        return new SharedHandleModel(view, place.Class, name, declaration.Replace(NamePlaceholder, name));
    }

    private static string NameOf(MethodModel view, EquatableArray<SharedHandleModel> shared)
    {
        foreach (var handle in shared)
        {
            if (handle.View == view)
            {
                return handle.Name;
            }
        }

        throw new System.InvalidOperationException("no shared handle was built for this method's view");
    }

    /// <param name="Function">The function descriptor's field, or null when the handle holds it.</param>
    /// <param name="Run">The run method, or null when the handle holds it.</param>
    private sealed record Declaration(string Name, string Accessibility, string TypeParameters, string? Constraint, string? Function, string? Run);

    private static void WriteDeclaration(IndentedTextWriter writer, MethodModel model, Declaration declaration)
    {
        var handle = declaration.Name;
        var function = declaration.Function ?? "__memoFunction";
        var runMethod = declaration.Run ?? "__memoRun";
        var contextType = model.Parameters.FirstOrDefault(p => p.Role == ParameterRole.Context)?.Type;
        var keyParameters = string.Join(", ", model.Parameters.Where(p => p.Role == ParameterRole.Key).Select(p => $"{p.Type} {p.Name}"));
        var callParameters = string.Join(", ", model.Parameters.Where(p => p.Role != ParameterRole.Context).Select(p => $"{p.Type} {p.Name}"));
        var call = new CallShape(model, self: "__memoOwner", context: "__memoContext");
        var run = model.Async == AsyncKind.None
            ? $"global::System.Func<{call.StateType}, {model.ResultType}>"
            : $"global::System.Func<{call.StateType}, global::System.Threading.CancellationToken, global::System.Threading.Tasks.ValueTask<{model.ResultType}>>";

        writer.WriteLine("/// <summary>Cache operations for a memoized method: is a call cached, recompute or invalidate it, clear, describe.</summary>");
        writer.WriteLine(Emitter.GeneratedCode);
        writer.WriteLine($"{declaration.Accessibility} readonly struct {handle}{declaration.TypeParameters}");
        if (declaration.Constraint is { } constraint)
        {
            writer.Indent++;
            writer.WriteLine(constraint);
            writer.Indent--;
        }

        writer.OpenBlock();
        var fields = model.Form switch
        {
            MemoForm.ContextIsThis => new[] { (model.OwnerType, "__memoOwner") },
            MemoForm.StaticWithContext => new[] { (contextType!, "__memoContext") },
            _ => new[] { (model.OwnerType, "__memoOwner"), (contextType!, "__memoContext") },
        };
        if (declaration.Function is null)
        {
            fields = [.. fields, (Emitter.FunctionType(model), "__memoFunction")];
        }

        foreach (var (type, name) in fields)
        {
            writer.WriteLine($"private readonly {type} {name};");
        }

        var ctorParameters = string.Join(", ", fields.Select(f => $"{f.Item1} {f.Item2}"));
        var assignment = fields.Length == 1
            ? $"this.{fields[0].Item2} = {fields[0].Item2}"
            : $"({string.Join(", ", fields.Select(f => "this." + f.Item2))}) = ({string.Join(", ", fields.Select(f => f.Item2))})";
        writer.WriteLine($"internal {handle}({ctorParameters}) => {assignment};");
        writer.WriteLine($"private {Emitter.TableType(model)} __memoTable => {function}.TableIn({call.Context});");
        if (declaration.Run is null)
        {
            // The function holds its run method, so that a handle property binds one constructor argument fewer.
            writer.WriteLine($"private {run} __memoRun => ({run})__memoFunction.Run!;");
        }

        var newKey = $"new {KeyEmitter.KeyType(model)}({call.KeyArguments})";

        // One line per member after its summary, without blank lines between: the handle reads as a list of operations.
        writer.WriteLine("/// <summary>Whether the result of this call is in the cache.</summary>");
        writer.WriteLine($"public bool IsCached({keyParameters}) => __memoTable.Contains({newKey});");
        writer.WriteLine("/// <summary>Removes the cached result of this call; returns whether there was one.</summary>");
        writer.WriteLine($"public bool Invalidate({keyParameters}) => __memoTable.Invalidate({newKey});");
        writer.WriteLine("/// <summary>Computes this call anew, whether or not it is cached, and caches the fresh result.</summary>");
        writer.WriteLine(model.Async switch
        {
            AsyncKind.None => $"public {model.ReturnType} Recompute({callParameters}) => __memoTable.Recompute({newKey}, {call.State}, {runMethod});",
            AsyncKind.Task => $"public {model.ReturnType} RecomputeAsync({callParameters}) => __memoTable.RecomputeAsync({newKey}, {call.State}, {runMethod}, {call.CallerToken}).AsTask();",
            _ => $"public {model.ReturnType} RecomputeAsync({callParameters}) => __memoTable.RecomputeAsync({newKey}, {call.State}, {runMethod}, {call.CallerToken});",
        });
        writer.WriteLine("/// <summary>Removes every cached result of this function from the context; returns how many.</summary>");
        writer.WriteLine("public long Clear() => __memoTable.Clear();");
        writer.WriteLine("/// <summary>A readable description of this call, such as <c>name(x=1, label=\"a\")</c>.</summary>");
        var describedArguments = (model.Form == MemoForm.InstanceWithContext ? new[] { ("this", "__memoOwner") } : [])
            .Concat(model.Parameters.Where(p => p.Role == ParameterRole.Key).Select(p => (p.PlainName, p.Name)))
            .Select(a => $", ({Emitter.Literal(a.Item1)}, global::MemoGen.Infrastructure.MemoCallFormatter.Value({a.Item2}))");
        writer.WriteLine($"public string Describe({keyParameters}) => global::MemoGen.Infrastructure.MemoCallFormatter.Format({function}.Name{string.Concat(describedArguments)});");
        writer.WriteLine("/// <summary>The stable hash of this call's key: the same in every process, and the address of its entry on disk.</summary>");
        writer.WriteLine($"public global::MemoGen.MemoHash128 KeyHash({keyParameters}) => global::MemoGen.Infrastructure.MemoKeyHash.Of({newKey});");
        writer.WriteLine("/// <summary>Where this call's entry lives on disk (its metadata file), or null when the function has no disk tier.</summary>");
        writer.WriteLine($"public string? EntryPath({keyParameters}) => __memoTable.EntryPath({newKey});");
        writer.WriteLine("/// <summary>What this function's code version covers (the members and assemblies hashed into it): an entry written by other code is a miss.</summary>");
        writer.WriteLine($"public string ExplainVersion() => {function}.ExplainVersion();");
        writer.WriteLine("/// <summary>Entries, estimated bytes, hits and misses of this function in the context.</summary>");
        writer.WriteLine("public global::MemoGen.MemoFunctionStatistics Statistics => __memoTable.Statistics;");
        SweepEmitter.Write(writer, model, function, runMethod);
        writer.CloseBlock();
    }
}
