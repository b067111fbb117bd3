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

        writer.WriteLine($"/// <summary>A sweep of <c>{model.MethodName}</c> over every combination of the values given per parameter (run it with <c>RunAsync</c>; finished points are cached).</summary>");
        var dimensions = keys.Select(p => $"{Sweeps}Values<{p.Type}> {p.Name}");
        var ofValues = keys.Select(p => $"{Sweeps}SweepDimension.Of({Emitter.Literal(p.PlainName)}, {p.Name})");
        writer.WriteLine($"public {sweep} Sweep({string.Join(", ", dimensions)}{onceParameters}) => __memoSweep(new {Sweeps}SweepDimension[] {{ {string.Join(", ", ofValues)} }}{onceArguments});");
        writer.WriteLine($"/// <summary>A sweep of <c>{model.MethodName}</c> over a parameter space read from data, checked against its parameters' names and types.</summary>");
        var parameters = keys.Select(p => $", {Sweeps}SweepParameter.Of<{p.Type}>({Emitter.Literal(p.PlainName)})");
        writer.WriteLine($"public {sweep} Sweep({Sweeps}ParameterSpace {space}{onceParameters}) => __memoSweep(global::MemoGen.Infrastructure.MemoSweeps.Bind({space}, {name}{string.Concat(parameters)}){onceArguments});");
        writer.WriteLine();

        // The lambdas get the handle as an argument (a struct's 'this' cannot be captured); they are static unless they
        // need the parameters passed once.
        var lambda = passedOnce.Count == 0 ? "static " : "";
        var isAsync = model.Async != AsyncKind.None;
        var keyArguments = string.Join(", ", keys.Select((p, i) => $"({p.Type})__memoValues[{i}]!"));
        var recompute = isAsync ? "RecomputeAsync" : "Recompute";
        writer.WriteLine($"private {sweep} __memoSweep({Sweeps}SweepDimension[] __memoDimensions{onceParameters}) =>");
        writer.Indent++;
        // Type arguments spelled out: inferring them would have the compiler bind each lambda more than once.
        writer.WriteLine($"global::MemoGen.Infrastructure.MemoSweeps.{(isAsync ? "Asynchronous" : "Synchronous")}<{model.Stem}MemoHandle, {model.ResultType}>({name}, __memoDimensions, this,");
        string[] calls =
        [
            $"{lambda}(__memoHandle, __memoValues, __memoToken) => {AsValueTask(model, $"{Receiver(model)}{model.MethodName}({Arguments(model, keys, withContext: true)})")}",
            $"{lambda}(__memoHandle, __memoValues, __memoToken) => {AsValueTask(model, $"__memoHandle.{recompute}({Arguments(model, keys, withContext: false)})")}",
            $"{lambda}(__memoHandle, __memoValues) => __memoHandle.IsCached({keyArguments})",
            $"{lambda}(__memoHandle, __memoValues) => __memoHandle.Invalidate({keyArguments})",
        ];
        writer.Indent++;
        for (var i = 0; i < calls.Length; i++)
        {
            writer.WriteLine(calls[i] + (i < calls.Length - 1 ? "," : ");"));
        }

        writer.Indent -= 2;
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
