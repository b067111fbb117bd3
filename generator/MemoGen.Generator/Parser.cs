using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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

        var compilation = context.SemanticModel.Compilation;
        if (!CanImplement(method, syntax) || ContainingTypes(method.ContainingType) is not { } containingTypes)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (FindForm(method) is not { } form)
        {
            return null;
        }

        var shapes = new HashShapeBuilder(compilation, method.ContainingType);
        ValueShape? ownerShape = null;
        if (form == MemoForm.InstanceWithContext && (ownerShape = shapes.Build(method.ContainingType)) is null)
        {
            return null;
        }

        if (Parameters(method, form, shapes) is not { } parameters
            || Unwrap(method.ReturnType) is not (var async, var resultType)
            || !ImmutabilityRules.IsImmutable(resultType)
            || FindCore(method) is not { } core
            || Unwrap(core.ReturnType) is not (var coreAsync, var coreResultType)
            || (async == AsyncKind.None) != (coreAsync == AsyncKind.None)
            || ChooseConversion(compilation, coreResultType, resultType) is not { } conversion)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var attribute = context.Attributes[0];
        var functionName = NamedArgument<string>(attribute, "Name") ?? method.Name;
        var tags = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Tags").Value is { Kind: TypedConstantKind.Array } tagArray
            ? tagArray.Values.Select(v => v.Value as string).Where(t => t is not null).Select(t => t!).ToEquatableArray()
            : EquatableArray<string>.Empty;
        var version = NamedArgument<int>(attribute, "Version");
        var stem = IsOverloaded(method) ? method.Name + "_" + Identifier(functionName) : method.Name;

        return new MethodModel
        {
            HintName = HintName(method, stem),
            Namespace = method.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            ContainingTypes = containingTypes,
            OwnerType = method.ContainingType.ToTypeName(),
            Form = form,
            Modifiers = string.Join(" ", syntax.Modifiers.Select(m => m.Text)),
            Accessibility = AccessibilityKeyword(method.DeclaredAccessibility),
            MethodName = method.Name,
            ReturnType = method.ReturnType.ToTypeName(),
            ResultType = resultType.ToTypeName(),
            Async = async,
            CoreName = core.Name,
            CoreAsync = coreAsync,
            CoreResultType = coreResultType.ToTypeName(),
            Conversion = conversion,
            Parameters = parameters,
            OwnerShape = ownerShape,
            Composites = shapes.Composites,
            FunctionName = functionName,
            Tags = tags,
            CodeVersion = CodeVersion(core, version, cancellationToken),
            Stem = stem,
        };
    }

    private static bool CanImplement(IMethodSymbol method, MethodDeclarationSyntax syntax) =>
        method is { IsPartialDefinition: true, PartialImplementationPart: null, IsGenericMethod: false, ReturnsVoid: false, ReturnsByRef: false, ReturnsByRefReadonly: false }
        && syntax.Body is null && syntax.ExpressionBody is null
        && method.ContainingType.TypeKind is TypeKind.Class or TypeKind.Struct;

    private static EquatableArray<ContainingTypeModel>? ContainingTypes(INamedTypeSymbol innermost)
    {
        var types = new List<ContainingTypeModel>();
        foreach (var type in innermost.SelfAndContainingTypes())
        {
            var declarations = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().ToList();
            if (declarations.Count == 0 || !declarations.All(d => d.Modifiers.Any(SyntaxKind.PartialKeyword)) || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                return null;
            }

            var keyword = (type.IsRecord, type.TypeKind) switch
            {
                (true, TypeKind.Struct) => "record struct",
                (true, _) => "record",
                (false, TypeKind.Struct) => "struct",
                _ => "class",
            };
            var name = type.TypeParameters.Length == 0 ? type.Name : $"{type.Name}<{string.Join(", ", type.TypeParameters.Select(p => p.Name))}>";
            types.Insert(0, new ContainingTypeModel(keyword, name));
        }

        return types.ToEquatableArray();
    }

    private static MemoForm? FindForm(IMethodSymbol method)
    {
        if (!method.IsStatic && method.ContainingType.DerivesFrom(KnownTypes.MemoContext))
        {
            return MemoForm.ContextIsThis;
        }

        if (method.Parameters.FirstOrDefault() is { RefKind: RefKind.None } first && first.Type.DerivesFrom(KnownTypes.MemoContext))
        {
            return method.IsStatic ? MemoForm.StaticWithContext : MemoForm.InstanceWithContext;
        }

        return null;
    }

    private static EquatableArray<ParameterModel>? Parameters(IMethodSymbol method, MemoForm form, HashShapeBuilder shapes)
    {
        var parameters = new List<ParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams || parameter.Type.IsRefLikeType || parameter.Type.TypeKind is TypeKind.Error or TypeKind.Pointer or TypeKind.FunctionPointer)
            {
                return null;
            }

            var role = form != MemoForm.ContextIsThis && parameter.Ordinal == 0 ? ParameterRole.Context : RoleOf(parameter);
            ValueShape? shape = null;
            if (role == ParameterRole.Key && (shape = shapes.Build(parameter.Type)) is null)
            {
                return null;
            }

            parameters.Add(new ParameterModel(SymbolExtensions.EscapeIdentifier(parameter.Name), parameter.Type.ToTypeName(), role, shape));
        }

        return parameters.ToEquatableArray();
    }

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

    private static (AsyncKind Async, ITypeSymbol Result)? Unwrap(ITypeSymbol returnType)
    {
        if (returnType.TypeArgumentOf(KnownTypes.Task) is { } taskResult)
        {
            return (AsyncKind.Task, taskResult);
        }

        if (returnType.TypeArgumentOf(KnownTypes.ValueTask) is { } valueTaskResult)
        {
            return (AsyncKind.ValueTask, valueTaskResult);
        }

        return returnType.Is("System.Threading.Tasks.Task") || returnType.Is("System.Threading.Tasks.ValueTask") ? null : (AsyncKind.None, returnType);
    }

    /// <summary>The implementation: <c>&lt;Method&gt;Core</c> with the same parameters, static exactly when the method is.</summary>
    public static IMethodSymbol? FindCore(IMethodSymbol method) =>
        method.ContainingType.GetMembers(method.Name + "Core")
            .OfType<IMethodSymbol>()
            .FirstOrDefault(core => core.IsStatic == method.IsStatic
                && !core.IsGenericMethod
                && core.Parameters.Length == method.Parameters.Length
                && core.Parameters.Zip(method.Parameters, (c, m) => c.RefKind == RefKind.None && SymbolEqualityComparer.Default.Equals(c.Type, m.Type)).All(same => same));

    /// <summary>How the implementation's result becomes the declared immutable type; null when nothing safe fits.</summary>
    public static ResultConversion? ChooseConversion(Compilation compilation, ITypeSymbol from, ITypeSymbol to)
    {
        if (from is IArrayTypeSymbol { IsSZArray: true } array)
        {
            var element = array.ElementType;
            if (SameArgument(to, KnownTypes.ImmutableArray, element))
            {
                return ResultConversion.ArrayToImmutableArray;
            }

            if (SameArgument(to, KnownTypes.ReadOnlyMemory, element))
            {
                return ResultConversion.ArrayToReadOnlyMemory;
            }

            if (IsReadOnlySequenceOf(to, element))
            {
                return ResultConversion.ArrayToReadOnlyList;
            }
        }

        if (from.TypeArgumentOf(KnownTypes.List) is { } listElement)
        {
            if (IsReadOnlySequenceOf(to, listElement))
            {
                return ResultConversion.ListToReadOnlyList;
            }

            if (SameArgument(to, KnownTypes.ImmutableList, listElement))
            {
                return ResultConversion.ListToImmutableList;
            }
        }

        if (from is INamedTypeSymbol { TypeArguments.Length: 2 } dictionary && dictionary.Is(KnownTypes.Dictionary)
            && to is INamedTypeSymbol { TypeArguments.Length: 2 } target
            && target.TypeArguments.Zip(dictionary.TypeArguments, (a, b) => SymbolEqualityComparer.Default.Equals(a, b)).All(same => same))
        {
            if (target.Is(KnownTypes.FrozenDictionary))
            {
                return ResultConversion.DictionaryToFrozenDictionary;
            }

            if (target.Is(KnownTypes.ReadOnlyDictionary))
            {
                return ResultConversion.DictionaryToReadOnlyDictionary;
            }
        }

        if (from.TypeArgumentOf(KnownTypes.HashSet) is { } setElement
            && (SameArgument(to, KnownTypes.FrozenSet, setElement) || SameArgument(to, KnownTypes.ReadOnlySet, setElement)))
        {
            return ResultConversion.HashSetToFrozenSet;
        }

        if (from.AllInterfaces.FirstOrDefault(i => i.Is(KnownTypes.AsImmutable)) is { } asImmutable
            && SymbolEqualityComparer.Default.Equals(asImmutable.TypeArguments[0], to))
        {
            return ResultConversion.AsImmutable;
        }

        var conversion = compilation.ClassifyCommonConversion(from, to);
        return conversion is { IsImplicit: true, IsUserDefined: false } && ImmutabilityRules.IsImmutable(from) ? ResultConversion.None : null;
    }

    private static bool SameArgument(ITypeSymbol type, string definition, ITypeSymbol argument) =>
        type.TypeArgumentOf(definition) is { } actual && SymbolEqualityComparer.Default.Equals(actual, argument);

    private static bool IsReadOnlySequenceOf(ITypeSymbol type, ITypeSymbol element) =>
        SameArgument(type, KnownTypes.ReadOnlyList, element)
        || SameArgument(type, KnownTypes.ReadOnlyCollection, element)
        || SameArgument(type, KnownTypes.Enumerable, element);

    private static bool IsOverloaded(IMethodSymbol method) =>
        method.ContainingType.GetMembers(method.Name).Count(m => m.HasAttribute(KnownTypes.MemoizeAttribute)) > 1;

    private static T? NamedArgument<T>(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is T value)
            {
                return value;
            }
        }

        return default;
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

    private static string HintName(IMethodSymbol method, string stem)
    {
        var builder = new StringBuilder();
        if (method.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            builder.Append(ns.ToDisplayString()).Append('.');
        }

        foreach (var type in method.ContainingType.SelfAndContainingTypes().Reverse())
        {
            builder.Append(type.MetadataName.Replace('`', '_')).Append('.');
        }

        return builder.Append(stem).Append(".g.cs").ToString();
    }

    private static string Identifier(string text) => new(text.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());

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
