using System.Collections.Generic;
using System.Linq;
using MemoGen.Generator.Diagnostics;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.Checks;

/// <summary>Whether the implementation <c>&lt;Method&gt;Core</c> exists and fits: MEMO006, MEMO007.</summary>
internal static class CoreChecks
{
    public static void Check(CheckedMethod m)
    {
        var method = m.Method;
        var coreName = method.Name + "Core";
        var candidates = method.ContainingType.GetMembers(coreName).OfType<IMethodSymbol>().ToList();
        if (candidates.Count == 0)
        {
            // The message names types as the reader knows them; the code fix gets them qualified, and simplifies them in place.
            m.Report(Problem.Of(DiagnosticDescriptors.MissingCore, m.Location, m.Name, Signature(m, coreName, static t => t.ForMessage()))
                .WithProperty(DiagnosticIds.CoreSignatureProperty, Signature(m, coreName, static t => t.ToTypeName())));
            return;
        }

        var core = candidates.FirstOrDefault(c => Mismatches(c, method).Count == 0);
        if (core is null ? candidates.Any(HasErrorType) : HasErrorType(core))
        {
            m.Report(Problem.ReportedByCompiler);
            return;
        }

        if (core is null)
        {
            var closest = candidates.FirstOrDefault(c => c.Parameters.Length == method.Parameters.Length) ?? candidates[0];
            ReportMisfit(m, closest, string.Join("; ", Mismatches(closest, method)));
            return;
        }

        // A result that cannot be cached is reported already; what the implementation returns matters only once it can.
        if (m.ResultType is not { } result)
        {
            return;
        }

        if (ResultConversions.Unwrap(core.ReturnType) is not var (coreAsync, coreResult) || (m.Async == AsyncKind.None) != (coreAsync == AsyncKind.None))
        {
            ReportMisfit(m, core, m.Async == AsyncKind.None
                ? $"it returns '{core.ReturnType.ForMessage()}', but '{m.Name}' is not async, so return {Fits(result)}"
                : $"it returns '{core.ReturnType.ForMessage()}', but '{m.Name}' is async, so return a Task<T> or ValueTask<T> of {Fits(result)}");
            return;
        }

        if (ResultConversions.Choose(m.Compilation, coreResult, result) is not { } conversion)
        {
            ReportMisfit(m, core, $"it returns '{core.ReturnType.ForMessage()}', which MemoGen cannot turn into '{result.ForMessage()}'; return {(coreAsync == AsyncKind.None ? "" : "a Task<T> or ValueTask<T> of ")}{Fits(result)}");
            return;
        }

        m.Core = core;
        m.CoreAsync = coreAsync;
        m.CoreResultType = coreResult;
        m.Conversion = conversion;
    }

    /// <summary>How <paramref name="core"/> differs from what <paramref name="method"/> needs; empty when it fits.</summary>
    private static List<string> Mismatches(IMethodSymbol core, IMethodSymbol method)
    {
        var mismatches = new List<string>();
        if (core.IsGenericMethod)
        {
            mismatches.Add("it must not be generic");
        }

        if (core.IsStatic != method.IsStatic)
        {
            mismatches.Add(method.IsStatic ? "it must be static, as the memoized method is" : "it must not be static, as the memoized method is an instance method");
        }

        var sameParameters = core.Parameters.Length == method.Parameters.Length
            && core.Parameters.Zip(method.Parameters, (c, p) => c.RefKind == p.RefKind && SymbolEqualityComparer.Default.Equals(c.Type, p.Type)).All(same => same);
        if (!sameParameters)
        {
            mismatches.Add($"its parameters must be those of the memoized method, ({ParameterList(method, static t => t.ForMessage())})");
        }

        return mismatches;
    }

    private static bool HasErrorType(IMethodSymbol method) =>
        method.ReturnType.ContainsErrorType() || method.Parameters.Any(p => p.Type.ContainsErrorType());

    private static void ReportMisfit(CheckedMethod m, IMethodSymbol core, string why) =>
        m.Report(Problem.Of(DiagnosticDescriptors.CoreDoesNotFit, m.Location, core.ForMessage(), m.Name, why)
            .WithAdditionalLocations(core.Locations.FirstOrDefault()));

    /// <summary>The result types an implementation may return for <paramref name="result"/>, as a message lists them.</summary>
    private static string Fits(ITypeSymbol result)
    {
        var fits = new List<string> { result.ForMessage() };
        if (result is INamedTypeSymbol { TypeArguments.Length: > 0 } named)
        {
            var e = named.TypeArguments[0].ForMessage();
            if (named.Is(KnownTypes.ImmutableArray) || named.Is(KnownTypes.ReadOnlyMemory))
            {
                fits.Add($"{e}[]");
            }
            else if (named.Is(KnownTypes.ReadOnlyList) || named.Is(KnownTypes.ReadOnlyCollection) || named.Is(KnownTypes.Enumerable))
            {
                fits.Add($"{e}[]");
                fits.Add($"List<{e}>");
            }
            else if (named.Is(KnownTypes.ImmutableList))
            {
                fits.Add($"List<{e}>");
            }
            else if (named.Is(KnownTypes.FrozenSet) || named.Is(KnownTypes.ReadOnlySet))
            {
                fits.Add($"HashSet<{e}>");
            }
            else if ((named.Is(KnownTypes.FrozenDictionary) || named.Is(KnownTypes.ReadOnlyDictionary)) && named.TypeArguments.Length == 2)
            {
                fits.Add($"Dictionary<{e}, {named.TypeArguments[1].ForMessage()}>");
            }
        }

        var listed = string.Join(" or ", fits.Select(f => $"'{f}'"));
        return result.SpecialType == SpecialType.None ? $"{listed}, or a type implementing IAsImmutable<{result.ForMessage()}>" : listed;
    }

    /// <summary>The declaration of the implementation to add, such as <c>private static Spectrum FrobnifyCore(MemoContext ctx, MapDescriptor map)</c>.</summary>
    private static string Signature(CheckedMethod m, string coreName, System.Func<ITypeSymbol, string> typeName) =>
        $"private {(m.Method.IsStatic ? "static " : "")}{typeName(m.Method.ReturnType)} {coreName}({ParameterList(m.Method, typeName)})";

    private static string ParameterList(IMethodSymbol method, System.Func<ITypeSymbol, string> typeName) =>
        string.Join(", ", method.Parameters.Select(p => $"{RefPrefix(p.RefKind)}{typeName(p.Type)} {SymbolExtensions.EscapeIdentifier(p.Name)}"));

    private static string RefPrefix(RefKind refKind) => refKind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        RefKind.RefReadOnlyParameter => "ref readonly ",
        _ => "",
    };
}
