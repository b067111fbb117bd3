using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MemoGen.Generator.Checks;
using MemoGen.Generator.CodeVersions;
using MemoGen.Generator.Diagnostics;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoGen.Generator;

/// <summary>
/// Turns a <c>[Memoize]</c> method into a <see cref="MethodModel"/>; or, when it cannot be generated, into a throwing
/// <see cref="StubModel"/> or nothing. The analyzer reports why; the generator reports nothing and emits no broken code.
/// </summary>
internal static class Parser
{
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax)
        {
            return ParseResult.Nothing;
        }

        var found = MethodChecks.Check(method, syntax, context.Attributes[0], context.SemanticModel.Compilation, cancellationToken);
        if (!found.CanGenerate
            || found is not { Form: { } form, Shapes: { } shapes, ResultType: { } resultType, Core: { } core, CoreResultType: { } coreResultType, Conversion: { } conversion })
        {
            return new ParseResult(null, StubFor(found));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var arguments = found.Arguments;
        var stem = GeneratedNames.Stem(method);
        var writers = shapes.CompositesAreShareable && shapes.Composites.Count > 0
            ? GeneratedNames.HashWritersClass(context.SemanticModel.Compilation.AssemblyName)
            : null;
        ValueShape? Shared(ValueShape? shape) => shape is null || writers is null ? shape : HashWriterSharing.Share(shape, writers);
        var keyComponents = (found.OwnerShape is { } ownerShape ? [(Type: (ITypeSymbol)method.ContainingType, Shape: Shared(ownerShape)!)] : new List<(ITypeSymbol Type, ValueShape Shape)>())
            .Concat(found.Parameters.Where(p => p.Role == ParameterRole.Key).Select(p => (Type: p.Symbol.Type, Shape: Shared(p.Shape)!)))
            .ToList();
        var sharedKey = KeySharing.For(keyComponents, writers, shapes.CompositesAreShareable, context.SemanticModel.Compilation);
        var version = CodeVersion.Compute(core, arguments.Version, CodeVersion.IsPinned(context.Attributes[0]), context.SemanticModel.Compilation, cancellationToken);

        return new ParseResult(new MethodModel
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
                .Select(p => new ParameterModel(SymbolExtensions.EscapeIdentifier(p.Symbol.Name), p.Symbol.Type.ToTypeName(), p.Role, Shared(p.Shape)))
                .ToEquatableArray(),
            IsExtension = method.IsExtensionMethod,
            OwnerShape = Shared(found.OwnerShape),
            Composites = writers is null ? shapes.Composites : EquatableArray<CompositeShape>.Empty,
            HashWriters = writers,
            SharedKey = sharedKey,
            SharedHandle = HandleSharing.For(method, resultType, sharedKey, context.SemanticModel.Compilation),
            SharedComposites = writers is null ? EquatableArray<CompositeShape>.Empty : shapes.Composites.Select(c => HashWriterSharing.Share(c, writers)).ToEquatableArray(),
            FunctionName = arguments.FunctionName,
            Tags = arguments.Tags.ToEquatableArray(),
            Cacher = arguments.Cacher?.ToTypeName(),
            UsesMemoryPack = arguments.Cacher is null && arguments.Tags.Any(KnownTags.Stores) && SerializerRules.UsesMemoryPack(resultType),
            CodeVersion = version.Value,
            CodeVersionCovers = version.Covers,
            Stem = stem,
        }, null);
    }

    /// <summary>
    /// A throwing body for a method that failed a MemoGen check but whose declaration can be completed as written.
    /// Without it the command-line compiler stops at CS8795 before analyzers run, and the MEMO error that explains the
    /// method is never shown. Declarations the compiler itself rejects, or that cannot be completed, get nothing.
    /// </summary>
    private static StubModel? StubFor(CheckedMethod found)
    {
        var method = found.Method;
        var declaredTypes = new[] { method.ReturnType }
            .Concat(method.Parameters.Select(p => p.Type))
            .Concat(method.TypeParameters.SelectMany(t => t.ConstraintTypes));
        if (found.HasBody
            || method is not { IsPartialDefinition: true, PartialImplementationPart: null }
            || found.Problems.Any(p => p.Descriptor is null || UnstubbableProblems.Contains(p.Descriptor.Id))
            || !method.ContainingType.SelfAndContainingTypes().All(IsCompletable)
            || declaredTypes.Any(IsUnwritable)
            || TypeParameterClauses.Constraints(method, found.Syntax) is not { } constraints)
        {
            return null;
        }

        var parameters = method.Parameters.Select(p =>
        {
            var modifiers = (p.Ordinal == 0 && method.IsExtensionMethod ? "this " : "") + (p.IsParams ? "params " : "") + p.RefKind switch
            {
                RefKind.Ref => "ref ",
                RefKind.Out => "out ",
                RefKind.In => "in ",
                RefKind.RefReadOnlyParameter => "ref readonly ",
                _ => "",
            };
            return $"{modifiers}{p.Type.ToTypeName()} {SymbolExtensions.EscapeIdentifier(p.Name)}";
        });
        var returnType = (method.ReturnsByRefReadonly ? "ref readonly " : method.ReturnsByRef ? "ref " : "") + method.ReturnType.ToTypeName();

        return new StubModel(
            GeneratedNames.HintName(method, GeneratedNames.Stem(method)),
            method.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            ContainingTypes(method.ContainingType),
            string.Join(" ", found.Syntax.Modifiers.Select(m => m.Text)),
            returnType,
            method.Name,
            TypeParameterClauses.List(method),
            parameters.ToEquatableArray(),
            constraints.ToEquatableArray(),
            TypeParameterClauses.HidesOuterTypeParameter(method),
            found.Name);
    }

    private static readonly string[] UnstubbableProblems =
    [
        DiagnosticIds.NotPartial, DiagnosticIds.AlreadyImplemented, DiagnosticIds.InvalidContainer,
    ];

    private static bool IsCompletable(INamedTypeSymbol type) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct
        && !type.IsFileLocal
        && type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().All(d => d.Modifiers.Any(m => m.Text == "partial"));

    private static bool IsUnwritable(ITypeSymbol type) =>
        type.TypeKind is TypeKind.Error or TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.Dynamic
        || (type is INamedTypeSymbol named && named.TypeArguments.Any(IsUnwritable))
        || (type is IArrayTypeSymbol array && IsUnwritable(array.ElementType));

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
