using System;
using System.Linq;
using MemoGen.Generator.Diagnostics;
using MemoGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoGen.Generator.Checks;

/// <summary>Whether MemoGen can write the method's body where it is declared: MEMO004, MEMO005, MEMO015, MEMO016.</summary>
internal static class DeclarationChecks
{
    /// <summary>How <see cref="Emitter.GeneratedCode"/> starts, whatever the version.</summary>
    private const string GeneratedCodeMark = "global::System.CodeDom.Compiler.GeneratedCode(\"MemoGen\"";

    /// <summary>Returns false when the declaration is so far off that the remaining checks would only add noise.</summary>
    public static bool Check(CheckedMethod m)
    {
        var method = m.Method;
        if (method.ContainingType is not { } owner)
        {
            m.Report(Problem.ReportedByCompiler);
            return false;
        }

        foreach (var type in owner.SelfAndContainingTypes())
        {
            if (type.TypeKind == TypeKind.Interface)
            {
                m.Report(Problem.Of(DiagnosticDescriptors.InvalidContainer, m.Location, m.Name, $"the interface '{type.ForMessage()}'"));
                return false;
            }

            // A file-local type can only be declared in its own file, and the generated part lives in another.
            if (type.IsFileLocal)
            {
                m.Report(Problem.Of(DiagnosticDescriptors.InvalidContainer, m.Location, m.Name, $"the file-local type '{type.ForMessage()}'"));
                return false;
            }

            // Script and top-level code, or a type the compiler could not make sense of: it has said so already.
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsImplicitClass || type.IsScriptClass)
            {
                m.Report(Problem.ReportedByCompiler);
                return false;
            }
        }

        if (method.IsGenericMethod)
        {
            m.Report(Problem.Of(DiagnosticDescriptors.GenericMethod, m.Location, m.Name));
            return false;
        }

        CheckPartial(m, owner);
        CheckNotImplemented(m);
        return true;
    }

    private static void CheckPartial(CheckedMethod m, INamedTypeSymbol owner)
    {
        if (!m.Syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            m.Report(Problem.Of(DiagnosticDescriptors.NotPartial, m.Location, "method", m.Name, m.Name));
        }

        foreach (var type in owner.SelfAndContainingTypes())
        {
            var declarations = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(m.CancellationToken)).OfType<TypeDeclarationSyntax>().ToList();
            if (declarations.Count == 0)
            {
                m.Report(Problem.ReportedByCompiler);
            }
            else if (declarations.FirstOrDefault(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword)) is { } notPartial)
            {
                m.Report(Problem.Of(DiagnosticDescriptors.NotPartial, m.Location, type.DeclarationKeyword(), type.ForMessage(), m.Name)
                    .WithAdditionalLocations(notPartial.Identifier.GetLocation()));
            }
        }
    }

    private static void CheckNotImplemented(CheckedMethod m)
    {
        var core = m.Method.Name + "Core";
        if (m.HasBody)
        {
            m.IsImplemented = true;
            m.Report(Problem.Of(DiagnosticDescriptors.AlreadyImplemented, m.Location, m.Name, core));
        }
        else if (m.Method.PartialImplementationPart is { } implementation && !IsGeneratedByMemoGen(implementation, m))
        {
            m.IsImplemented = true;
            m.Report(Problem.Of(DiagnosticDescriptors.AlreadyImplemented, m.Location, m.Name, core)
                .WithAdditionalLocations(implementation.Locations.FirstOrDefault()));
        }
    }

    /// <summary>
    /// Whether the implementation is the one MemoGen generated: the analyzer runs on the compilation that includes it,
    /// the generator on the one before it.
    /// </summary>
    private static bool IsGeneratedByMemoGen(IMethodSymbol implementation, CheckedMethod m) =>
        implementation.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(m.CancellationToken))
            .OfType<MethodDeclarationSyntax>()
            .Any(d => d.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.ToString().StartsWith(GeneratedCodeMark, StringComparison.Ordinal)));
}
