using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MemoGen.Generator.Checks;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoGen.Generator;

/// <summary>
/// Turns a <c>[Memoize]</c> method into a <see cref="MethodModel"/>, or into nothing when it cannot be generated:
/// the analyzer reports those, and the generator stays silent so no broken code is emitted.
/// </summary>
internal static class Parser
{
    public static MethodModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax)
        {
            return null;
        }

        var found = MethodChecks.Check(method, syntax, context.Attributes[0], context.SemanticModel.Compilation, cancellationToken);
        if (!found.CanGenerate
            || found is not { Form: { } form, Shapes: { } shapes, ResultType: { } resultType, Core: { } core, CoreResultType: { } coreResultType, Conversion: { } conversion })
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var arguments = found.Arguments;
        var stem = GeneratedNames.Stem(method, arguments.FunctionName);

        return new MethodModel
        {
            HintName = GeneratedNames.HintName(method, stem),
            Namespace = method.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            ContainingTypes = ContainingTypes(method.ContainingType),
            OwnerType = method.ContainingType.ToTypeName(),
            Form = form,
            Modifiers = string.Join(" ", syntax.Modifiers.Select(m => m.Text)),
            Accessibility = AccessibilityKeyword(method.DeclaredAccessibility),
            MethodName = method.Name,
            ReturnType = method.ReturnType.ToTypeName(),
            ResultType = resultType.ToTypeName(),
            Async = found.Async,
            CoreName = core.Name,
            CoreAsync = found.CoreAsync,
            CoreResultType = coreResultType.ToTypeName(),
            Conversion = conversion,
            Parameters = found.Parameters
                .Select(p => new ParameterModel(SymbolExtensions.EscapeIdentifier(p.Symbol.Name), p.Symbol.Type.ToTypeName(), p.Role, p.Shape))
                .ToEquatableArray(),
            IsExtension = method.IsExtensionMethod,
            OwnerShape = found.OwnerShape,
            Composites = shapes.Composites,
            FunctionName = arguments.FunctionName,
            Tags = arguments.Tags.ToEquatableArray(),
            CodeVersion = CodeVersion(core, arguments.Version, cancellationToken),
            Stem = stem,
        };
    }

    private static EquatableArray<ContainingTypeModel> ContainingTypes(INamedTypeSymbol innermost)
    {
        var types = new List<ContainingTypeModel>();
        foreach (var type in innermost.SelfAndContainingTypes())
        {
            var name = type.TypeParameters.Length == 0 ? type.Name : $"{type.Name}<{string.Join(", ", type.TypeParameters.Select(p => p.Name))}>";
            types.Insert(0, new ContainingTypeModel(type.DeclarationKeyword(), name));
        }

        return types.ToEquatableArray();
    }

    /// <summary>
    /// A hash of the implementation's tokens (so comments and layout do not count) and the manual version.
    /// FNV-1a, 64 bits: it only has to change when the code does.
    /// </summary>
    private static string CodeVersion(IMethodSymbol core, int version, CancellationToken cancellationToken)
    {
        var hash = 0xcbf29ce484222325UL;
        void Add(string text)
        {
            foreach (var c in text)
            {
                hash = (hash ^ c) * 0x100000001b3UL;
            }
        }

        foreach (var reference in core.DeclaringSyntaxReferences)
        {
            foreach (var token in reference.GetSyntax(cancellationToken).DescendantTokens())
            {
                Add(token.Text);
                Add(" ");
            }
        }

        Add("version=" + version);
        return hash.ToString("x16");
    }

    private static string AccessibilityKeyword(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };
}
