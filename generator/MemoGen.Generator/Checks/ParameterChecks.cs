using System;
using System.Linq;
using MemoGen.Generator.Diagnostics;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.Checks;

/// <summary>What each parameter is to the cache, and whether it can be one: MEMO001, MEMO002, MEMO017, MEMO020.</summary>
internal static class ParameterChecks
{
    public static void Check(CheckedMethod m)
    {
        foreach (var parameter in m.Method.Parameters)
        {
            var location = parameter.Locations.FirstOrDefault() ?? m.Location;

            // Every parameter, whatever its role, is passed into the generated body beside its own locals and local
            // function, all named "__...". The name is a problem of its own: the checks of its type go on.
            if (IsReserved(parameter.Name))
            {
                m.Report(Problem.Of(DiagnosticDescriptors.ReservedParameterName, location, parameter.Name, m.Name));
            }

            if (parameter.Type.ContainsErrorType())
            {
                m.Report(Problem.ReportedByCompiler);
                continue;
            }

            var role = m.Form is MemoForm.StaticWithContext or MemoForm.InstanceWithContext && parameter.Ordinal == 0
                ? ParameterRole.Context
                : RoleOf(parameter);
            if (PassingProblem(parameter, role) is var (what, advice))
            {
                m.Report(Problem.Of(DiagnosticDescriptors.ByReferenceParameter, location, parameter.Name, m.Name, what, advice));
                continue;
            }

            // A context in the wrong place is MEMO011's to report, not a key to hash.
            var misplacedContext = m.Form is null && parameter.Type.DerivesFrom(KnownTypes.MemoContext);
            ValueShape? shape = null;
            if (role == ParameterRole.Key && !misplacedContext && m.Shapes is { } shapes && (shape = shapes.Build(parameter.Type)) is null)
            {
                m.Report(Problem.Of(
                    DiagnosticDescriptors.UnhashableParameter,
                    location,
                    parameter.Name,
                    m.Name,
                    parameter.Type.ForMessage(),
                    shapes.Rejection(parameter.Type),
                    WaysOut(parameter.Type)));
                continue;
            }

            if (shape is { IsDirect: true } && KeyMutabilityRules.SettableState(parameter.Type) is var (record, why, member))
            {
                m.Report(Problem.Of(
                    DiagnosticDescriptors.SettableKeyRecord,
                    location,
                    parameter.Name,
                    m.Name,
                    record.ForMessage(),
                    why,
                    KeyMutabilityRules.WaysOut(record, member)));
            }

            m.Parameters.Add(new CheckedParameter(parameter, role, shape));
        }
    }

    /// <summary>Whether generated code may use the name for its own: a symbol's name never has the '@' of a verbatim identifier.</summary>
    private static bool IsReserved(string name) => name.StartsWith("__", StringComparison.Ordinal);

    private static ParameterRole RoleOf(IParameterSymbol parameter)
    {
        var type = parameter.Type;
        if (type.Is(KnownTypes.CancellationToken))
        {
            return ParameterRole.CancellationToken;
        }

        return parameter.HasAttribute(KnownTypes.MemoIgnoreAttribute) || type.Is(KnownTypes.Progress) || type.Is(KnownTypes.Logger) || type.Is(KnownTypes.LoggerOfT)
            ? ParameterRole.Ignored
            : ParameterRole.Key;
    }

    /// <summary>What keeps the argument from being kept by value, and what to do instead; null when nothing does.</summary>
    private static (string What, string Advice)? PassingProblem(IParameterSymbol parameter, ParameterRole role)
    {
        if (parameter.IsParams)
        {
            return ("a 'params' parameter", "remove 'params' and pass the values as an array");
        }

        switch (parameter.RefKind)
        {
            case RefKind.Ref:
                return ("a 'ref' parameter", "remove 'ref'");
            case RefKind.Out:
                return ("an 'out' parameter", "return the value as part of the result instead, such as in a record or a tuple");
            case RefKind.In:
                return ("an 'in' parameter", "remove 'in'");
            case RefKind.RefReadOnlyParameter:
                return ("a 'ref readonly' parameter", "remove 'ref readonly'");
        }

        if (parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
        {
            return ($"a pointer ('{parameter.Type.ForMessage()}')", "pass the data as an array, a ReadOnlyMemory<T> or a record that describes it");
        }

        // A key parameter of a ref struct type is MEMO001; any other kind cannot be carried to the implementation either.
        return parameter.Type.IsRefLikeType && role != ParameterRole.Key
            ? ($"of the ref struct type '{parameter.Type.ForMessage()}'", "pass the data as an array or a ReadOnlyMemory<T>")
            : null;
    }

    private static string WaysOut(ITypeSymbol type)
    {
        const string Rest = "pass a record that describes the data instead, or mark the parameter [MemoIgnore] to leave it out of the key";
        if (type is ITypeParameterSymbol typeParameter)
        {
            return $"constrain '{typeParameter.Name}' with 'where {typeParameter.Name} : IMemoHashable', {Rest}";
        }

        if (type.IsRefLikeType)
        {
            return $"pass an array or a ReadOnlyMemory<T> instead, {Rest}";
        }

        return type.Locations.Any(l => l.IsInSource) && type.TypeKind is TypeKind.Class or TypeKind.Struct
            ? $"implement IMemoHashable on '{type.ForMessage()}', {Rest}"
            : $"wrap it in a type of yours that implements IMemoHashable, {Rest}";
    }
}
