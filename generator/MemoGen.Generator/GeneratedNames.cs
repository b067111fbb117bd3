using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using MemoGen.Generator.Checks;
using MemoGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator;

/// <summary>
/// The names generated code is filed and declared under: the hint name of a method's file and the stem of its
/// generated members. Roslyn compares hint names ignoring case and throws on a repeat, which drops every generated
/// file, so both must be unique in that sense.
/// </summary>
internal static class GeneratedNames
{
    /// <summary>
    /// The stem of the generated member names and of the hint name: the method's name, or name and cache name for
    /// overloads. Stems must differ within a type, ignoring case as hint names do, so a clash (two overloads
    /// with one cache name, <c>Foo</c> beside <c>foo</c>) gets a numbered suffix in declaration order.
    /// </summary>
    public static string Stem(IMethodSymbol method, string functionName)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in method.ContainingType.GetMembers())
        {
            if (member is not IMethodSymbol other || !other.HasAttribute(KnownTypes.MemoizeAttribute))
            {
                continue;
            }

            var isThis = SymbolEqualityComparer.Default.Equals(other, method);
            var name = isThis ? functionName : MemoizeArguments.Read(other.GetAttributes().First(a => a.AttributeClass?.Is(KnownTypes.MemoizeAttribute) == true), other.Name).FunctionName;
            var stem = BaseStem(other, name);
            var unique = stem;
            for (var i = 2; !taken.Add(unique); i++)
            {
                unique = stem + "_" + i.ToString(CultureInfo.InvariantCulture);
            }

            if (isThis)
            {
                return unique;
            }
        }

        return BaseStem(method, functionName);
    }

    /// <summary>
    /// <c>{Namespace}.{Type}.{Stem}.g.cs</c>. Where a namespace or type on the way has a sibling whose name differs only
    /// in case (<c>Sky</c> beside <c>sky</c>, or <c>Outer&lt;T&gt;</c> beside <c>Outer_1</c>), a hash of the exact path
    /// keeps the two files apart.
    /// </summary>
    public static string HintName(IMethodSymbol method, string stem)
    {
        var builder = new StringBuilder();
        if (method.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            builder.Append(ns.ToDisplayString()).Append('.');
        }

        foreach (var type in method.ContainingType.SelfAndContainingTypes().Reverse())
        {
            builder.Append(Segment(type)).Append('.');
        }

        builder.Append(stem);
        if (HasTwinOnPath(method.ContainingType))
        {
            var exactPath = method.ContainingNamespace?.ToDisplayString() + "." + string.Join("+", method.ContainingType.SelfAndContainingTypes().Reverse().Select(t => t.MetadataName));
            builder.Append('.').Append(Fnv(exactPath));
        }

        return builder.Append(".g.cs").ToString();
    }

    private static string BaseStem(IMethodSymbol method, string functionName) =>
        IsOverloaded(method) ? method.Name + "_" + Identifier(functionName) : method.Name;

    private static bool IsOverloaded(IMethodSymbol method) =>
        method.ContainingType.GetMembers(method.Name).Count(m => m.HasAttribute(KnownTypes.MemoizeAttribute)) > 1;

    private static string Identifier(string text) => new(text.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());

    /// <summary>A namespace's name, or a type's with its arity (<c>Outer_1</c>); never a compiler-mangled metadata name.</summary>
    private static string Segment(ISymbol symbol) =>
        symbol is INamedTypeSymbol { Arity: > 0 } type ? type.Name + "_" + type.Arity.ToString(CultureInfo.InvariantCulture) : symbol.Name;

    private static bool HasTwinOnPath(INamedTypeSymbol type)
    {
        for (ISymbol current = type; current is not INamespaceSymbol { IsGlobalNamespace: true }; current = current.ContainingSymbol)
        {
            var siblings = current.ContainingSymbol switch
            {
                INamespaceSymbol ns => ns.GetMembers().Cast<ISymbol>(),
                INamedTypeSymbol outer => outer.GetTypeMembers(),
                _ => ImmutableArray<ISymbol>.Empty,
            };
            var segment = Segment(current);
            if (siblings.Any(s => !SymbolEqualityComparer.Default.Equals(s, current) && string.Equals(Segment(s), segment, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }

            if (current.ContainingSymbol is null)
            {
                return false;
            }
        }

        return false;
    }

    private static string Fnv(string text)
    {
        var hash = 0x811c9dc5u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x01000193u;
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }
}
