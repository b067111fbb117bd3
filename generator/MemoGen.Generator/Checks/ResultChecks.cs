using MemoGen.Generator.Diagnostics;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.Checks;

/// <summary>Whether the declared result can be cached and shared: MEMO003, MEMO008.</summary>
internal static class ResultChecks
{
    public static void Check(CheckedMethod m)
    {
        var method = m.Method;
        var location = m.Syntax.ReturnType.GetLocation();
        if (method.ReturnsVoid)
        {
            m.Report(Problem.Of(DiagnosticDescriptors.NoResult, location, m.Name, "void", "return the value to cache, or remove [Memoize]"));
            return;
        }

        if (method.ReturnType.ContainsErrorType())
        {
            m.Report(Problem.ReportedByCompiler);
            return;
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            var byRef = (method.ReturnsByRef ? "ref " : "ref readonly ") + method.ReturnType.ForMessage();
            m.Report(Problem.Of(DiagnosticDescriptors.MutableResult, location, m.Name, byRef, $"'{method.ReturnType.ForMessage()}' by value"));
            return;
        }

        if (ResultConversions.Unwrap(method.ReturnType) is not var (async, result))
        {
            var task = method.ReturnType.ForMessage();
            m.Report(Problem.Of(DiagnosticDescriptors.NoResult, location, m.Name, task, $"return '{task}<T>' with the value to cache, or remove [Memoize]"));
            return;
        }

        if (!ImmutabilityRules.IsImmutable(result))
        {
            var (text, suggested) = ImmutableSuggestions.For(result, m.Compilation);
            var problem = Problem.Of(DiagnosticDescriptors.MutableResult, location, m.Name, result.ForMessage(), text);
            if (suggested is not null)
            {
                var returnType = async == AsyncKind.None ? suggested : ((INamedTypeSymbol)method.ReturnType).ConstructedFrom.Construct(suggested);
                problem = problem.WithProperty(DiagnosticIds.SuggestedReturnTypeProperty, returnType.ToTypeName());
            }

            m.Report(problem);
            return;
        }

        m.Async = async;
        m.ResultType = result;
    }
}
