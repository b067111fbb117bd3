using System.CodeDom.Compiler;
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
    public static void Write(IndentedTextWriter writer, MethodModel model, string function, string run)
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
        var name = function + ".Name";

        writer.WriteLine($"/// <summary>A sweep of this function over every combination of the values given per parameter (run it with <c>RunAsync</c>; finished points are cached).</summary>");
        var dimensions = keys.Select(p => $"{Sweeps}Values<{p.Type}> {p.Name}");
        var ofValues = keys.Select(p => $"{Sweeps}SweepDimension.Of({Emitter.Literal(p.PlainName)}, {p.Name})");
        writer.WriteLine($"public {sweep} Sweep({string.Join(", ", dimensions)}{onceParameters}) => __memoSweep(new {Sweeps}SweepDimension[] {{ {string.Join(", ", ofValues)} }}{onceArguments});");
        writer.WriteLine($"/// <summary>A sweep of this function over a parameter space read from data, checked against its parameters' names and types.</summary>");
        var parameters = keys.Select(p => $", {Sweeps}SweepParameter.Of<{p.Type}>({Emitter.Literal(p.PlainName)})");
        writer.WriteLine($"public {sweep} Sweep({Sweeps}ParameterSpace {space}{onceParameters}) => __memoSweep(global::MemoGen.Infrastructure.MemoSweeps.Bind({space}, {name}{string.Concat(parameters)}){onceArguments});");

        // One lambda makes a point's key and the implementation's state from its values; the runtime does the rest
        // through the table. It gets what the method runs on (its owner, its context, or both) as an argument, so that it
        // is static unless it needs the parameters passed once, and the runtime call is the same generic instantiation
        // for every method of the class with this key and result. Type arguments spelled out: inferring them binds the
        // lambda twice.
        var contextType = model.Parameters.FirstOrDefault(p => p.Role == ParameterRole.Context)?.Type;
        var (target, targetType, parameter, self, context) = model.Form switch
        {
            MemoForm.ContextIsThis => ("__memoOwner", model.OwnerType, "__memoOwner", "__memoOwner", null),
            MemoForm.StaticWithContext => ("__memoContext", contextType!, "__memoContext", "this", "__memoContext"),
            _ => ("(__memoOwner, __memoContext)", $"({model.OwnerType} __memoOwner, {contextType} __memoContext)", "__memoTarget", "__memoTarget.__memoOwner", "__memoTarget.__memoContext"),
        };
        var point = new CallShape(model, self, context, argument: p => p.Role switch
        {
            ParameterRole.Key => $"({p.Type})__memoValues[{keys.IndexOf(p)}]!",
            ParameterRole.CancellationToken => "__memoToken",
            _ => p.Name,
        });
        var lambda = passedOnce.Count == 0 ? "static " : "";
        writer.WriteLine($"private {sweep} __memoSweep({Sweeps}SweepDimension[] __memoDimensions{onceParameters}) =>");
        writer.Indent++;
        writer.WriteLine($"global::MemoGen.Infrastructure.MemoSweeps.{(model.Async == AsyncKind.None ? "Synchronous" : "Asynchronous")}<{targetType}, {KeyEmitter.KeyType(model)}, {model.ResultType}, {point.StateType}>({name}, __memoDimensions, {target}, __memoTable, {run},");
        writer.Indent++;
        writer.WriteLine($"{lambda}({parameter}, __memoValues, __memoToken) => (new {KeyEmitter.KeyType(model)}({point.KeyArguments}), {point.State}));");
        writer.Indent -= 2;
    }
}
