using System.CodeDom.Compiler;
using System.Collections.Generic;
using System.Linq;
using MemoGen.Generator.Models;

namespace MemoGen.Generator;

/// <summary>
/// Writes a handle's <c>Sweep</c> methods: one takes a <c>Values&lt;T&gt;</c> per key parameter, named and typed like
/// it (a misspelled dimension or a wrong type is a compile error); the other takes a <c>ParameterSpace</c> read from
/// data. Parameters outside the key are passed once; a <c>CancellationToken</c> parameter gets the run's token.
/// </summary>
internal static class SweepEmitter
{
    private const string Sweeps = "global::MemoGen.Sweeps.";

    /// <summary>Writes the members inside the handle struct, after its other members; nothing for a method without key parameters.</summary>
    public static void Write(IndentedTextWriter writer, MethodModel model)
    {
        var keys = model.Parameters.Where(p => p.Role == ParameterRole.Key).ToList();
        if (keys.Count == 0)
        {
            return; // one call, nothing to sweep
        }

        var passedOnce = model.Parameters.Where(p => p.Role == ParameterRole.Ignored).ToList();
        var sweep = $"{Sweeps}Sweep<{model.ResultType}>";
        var onceParameters = string.Concat(passedOnce.Select(p => $", {p.Type} {p.Name}"));
        var onceArguments = string.Concat(passedOnce.Select(p => ", " + p.Name));
        var space = passedOnce.Any(p => p.PlainName == "space") ? "__memoSpace" : "space";
        var name = Emitter.Literal(model.FunctionName);

        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine($"/// A sweep of <c>{model.MethodName}</c> over every combination of the values given per parameter; run it with");
        writer.WriteLine("/// <c>RunAsync</c>. Finished points are cached, so a sweep run again computes only what is missing.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine(Emitter.GeneratedCode);
        var dimensions = keys.Select(p => $"{Sweeps}Values<{p.Type}> {p.Name}");
        writer.WriteLine($"public {sweep} Sweep({string.Join(", ", dimensions)}{onceParameters}) =>");
        writer.Indent++;
        var ofValues = keys.Select(p => $"{Sweeps}SweepDimension.Of({Emitter.Literal(p.PlainName)}, {p.Name})");
        writer.WriteLine($"__memoSweep(new {Sweeps}SweepDimension[] {{ {string.Join(", ", ofValues)} }}{onceArguments});");
        writer.Indent--;

        writer.WriteLine();
        writer.WriteLine($"/// <summary>A sweep of <c>{model.MethodName}</c> over a parameter space read from data, checked against its parameters' names and types.</summary>");
        writer.WriteLine(Emitter.GeneratedCode);
        writer.WriteLine($"public {sweep} Sweep({Sweeps}ParameterSpace {space}{onceParameters})");
        writer.OpenBlock();
        writer.WriteLine($"global::System.ArgumentNullException.ThrowIfNull({space});");
        var parameters = keys.Select(p => $", {Sweeps}SweepParameter.Of<{p.Type}>({Emitter.Literal(p.PlainName)})");
        writer.WriteLine($"return __memoSweep({space}.Bind({name}{string.Concat(parameters)}){onceArguments});");
        writer.CloseBlock();

        writer.WriteLine();
        writer.WriteLine(Emitter.HiddenFromEditor);
        writer.WriteLine($"private {sweep} __memoSweep({Sweeps}SweepDimension[] __memoDimensions{onceParameters})");
        writer.OpenBlock();
        writer.WriteLine("var __memoHandle = this;");
        writer.WriteLine($"return new {sweep}(");
        writer.Indent++;
        writer.WriteLine($"{name},");
        writer.WriteLine("__memoDimensions,");
        var isAsync = model.Async != AsyncKind.None;
        writer.WriteLine($"{Sweeps}SweepCalls<{model.ResultType}>.{(isAsync ? "Asynchronous" : "Synchronous")}(");
        writer.Indent++;
        var keyArguments = string.Join(", ", keys.Select((p, i) => $"({p.Type})__memoValues[{i}]!"));
        writer.WriteLine($"(__memoValues, __memoToken) => {AsValueTask(model, $"{Receiver(model)}{model.MethodName}({Arguments(model, keys, withContext: true)})")},");
        var recompute = isAsync ? "RecomputeAsync" : "Recompute";
        writer.WriteLine($"(__memoValues, __memoToken) => {AsValueTask(model, $"__memoHandle.{recompute}({Arguments(model, keys, withContext: false)})")},");
        writer.WriteLine($"__memoValues => __memoHandle.IsCached({keyArguments}),");
        writer.WriteLine($"__memoValues => __memoHandle.Invalidate({keyArguments})));");
        writer.Indent -= 2;
        writer.CloseBlock();
    }

    private static string Receiver(MethodModel model) => model.Form == MemoForm.StaticWithContext
        ? model.OwnerType + "."
        : "__memoHandle.__memoOwner.";

    private static string Arguments(MethodModel model, List<ParameterModel> keys, bool withContext) => string.Join(", ", model.Parameters
        .Where(p => withContext || p.Role != ParameterRole.Context)
        .Select(p => p.Role switch
        {
            ParameterRole.Context => "__memoHandle.__memoContext",
            ParameterRole.Key => $"({p.Type})__memoValues[{keys.IndexOf(p)}]!",
            ParameterRole.CancellationToken => "__memoToken",
            _ => p.Name,
        }));

    private static string AsValueTask(MethodModel model, string call) => model.Async == AsyncKind.Task
        ? $"new global::System.Threading.Tasks.ValueTask<{model.ResultType}>({call})"
        : call;
}
