using System.Linq;
using MemoGen.Generator.Diagnostics;
using MemoGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoGen.Generator.Checks;

/// <summary>
/// The type named by <c>[Memoize(Cacher = typeof(...))]</c>: one the generated code can create and hand the method's
/// values to (MEMO018), on a method whose values are stored at all (MEMO019).
/// </summary>
internal static class CacherChecks
{
    public static void Check(CheckedMethod m)
    {
        if (m.Arguments.Cacher is not { } cacher)
        {
            return;
        }

        // An open generic type's arguments are error types, yet the compiler accepts typeof(MyCacher<>).
        if (cacher.ContainsErrorType() && cacher is not INamedTypeSymbol { IsUnboundGenericType: true })
        {
            m.Report(Problem.ReportedByCompiler);
            return;
        }

        var syntax = m.Attribute.ApplicationSyntaxReference?.GetSyntax(m.CancellationToken) as AttributeSyntax;
        var location = AttributeChecks.Argument(syntax, "Cacher")?.GetLocation() ?? m.Location;

        // Without a result type another error blocks the method, and the expected IMemoCacher<T> is unknown.
        if (m.ResultType is { } result && WhyUnfit(cacher, result) is { } why)
        {
            m.Report(Problem.Of(DiagnosticDescriptors.CacherDoesNotFit, location, m.Name, cacher.ForMessage(), why, result.ForMessage()));
        }

        if (!m.Arguments.Tags.Any(KnownTags.Stores))
        {
            m.Report(Problem.Of(DiagnosticDescriptors.UnusedCacher, location, m.Name, cacher.ForMessage()));
        }
    }

    /// <summary>Why generated code cannot pass <c>new Cacher()</c> as an <c>IMemoCacher&lt;result&gt;</c>, or null if it can.</summary>
    private static string? WhyUnfit(ITypeSymbol cacher, ITypeSymbol result)
    {
        if (cacher is not INamedTypeSymbol named || named.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface))
        {
            return $"is {Article(cacher)}, not a class or struct";
        }

        var shape = named switch
        {
            { TypeKind: TypeKind.Interface } => "is an interface, which cannot be created",
            { IsStatic: true } => "is static, so it cannot be created",
            { IsAbstract: true } => "is abstract, so it cannot be created",
            { IsUnboundGenericType: true } => "is an open generic type; name a closed one such as 'typeof(MyCacher<int>)'",
            { IsRefLikeType: true } => "is a ref struct, which cannot be kept as an interface",
            _ when !named.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public)
                => "has no public parameterless constructor",
            _ when HasRequiredMembers(named) && !named.InstanceConstructors.Any(c => c.Parameters.Length == 0 && SetsRequiredMembers(c))
                => "has required members, which 'new()' without an object initializer leaves unset; mark the constructor [SetsRequiredMembers]",
            _ => null,
        };
        if (shape is not null)
        {
            return shape;
        }

        var cachers = named.AllInterfaces.Where(i => i.Is(KnownTypes.MemoCacher)).ToList();
        // Nullability counts too: the generated code would pass an IMemoCacher<string> as an IMemoCacher<string?> with a warning.
        if (cachers.Any(i => SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], result) && !NullabilityDiffers(i.TypeArguments[0], result)))
        {
            return null;
        }

        return cachers.Count == 0
            ? "does not implement IMemoCacher<T>"
            : $"implements {string.Join(" and ", cachers.Select(i => $"'{i.ForMessage()}'"))}, not one for the cached value type";
    }

    private static bool HasRequiredMembers(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers().Any(m => m is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true }))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SetsRequiredMembers(IMethodSymbol constructor) =>
        constructor.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute");

    /// <summary>Whether two types that are equal but for nullability are annotated differently where both say (oblivious agrees with all).</summary>
    private static bool NullabilityDiffers(ITypeSymbol a, ITypeSymbol b) =>
        (a.NullableAnnotation != NullableAnnotation.None && b.NullableAnnotation != NullableAnnotation.None && a.NullableAnnotation != b.NullableAnnotation)
        || (a, b) switch
        {
            (IArrayTypeSymbol x, IArrayTypeSymbol y) => NullabilityDiffers(x.ElementType, y.ElementType),
            (INamedTypeSymbol x, INamedTypeSymbol y) => x.TypeArguments.Zip(y.TypeArguments, NullabilityDiffers).Any(d => d),
            _ => false,
        };

    private static string Article(ITypeSymbol type) => type.TypeKind switch
    {
        TypeKind.Enum => "an enum",
        TypeKind.Delegate => "a delegate",
        TypeKind.Array => "an array",
        TypeKind.Pointer or TypeKind.FunctionPointer => "a pointer",
        TypeKind.TypeParameter => "a type parameter",
        _ => "a " + type.TypeKind.ToString().ToLowerInvariant(),
    };
}
