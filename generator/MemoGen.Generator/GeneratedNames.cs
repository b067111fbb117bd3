using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
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
    /// The stem of the generated member names and of the hint name: the method's name, and for overloads the types of
    /// its parameters (<c>Count_int_string</c>), so that a stem never depends on the order of declarations. Stems must
    /// differ within a type ignoring case, as hint names do; where two still meet (<c>Foo</c> beside <c>foo</c>, or
    /// parameter types named alike in two namespaces), each gets a hash of its exact signature.
    /// </summary>
    public static string Stem(IMethodSymbol method)
    {
        var stem = BaseStem(method);
        var signature = Signature(method);
        var (clashes, sameSignatureBefore, isBefore) = (false, 0, true);
        foreach (var member in method.ContainingType.GetMembers())
        {
            if (SymbolEqualityComparer.Default.Equals(member, method))
            {
                isBefore = false;
                continue;
            }

            // A base stem starts with its method's name: the cheap test keeps the attribute look-ups to likely clashes.
            if (member is IMethodSymbol other
                && stem.StartsWith(other.Name, StringComparison.OrdinalIgnoreCase)
                && other.HasAttribute(KnownTypes.MemoizeAttribute)
                && string.Equals(BaseStem(other), stem, StringComparison.OrdinalIgnoreCase))
            {
                clashes = true;
                sameSignatureBefore += isBefore && Signature(other) == signature ? 1 : 0;
            }
        }

        if (!clashes)
        {
            return stem;
        }

        // Only a method declared twice (a compiler error) shares its exact signature: the order tells those apart.
        var unique = stem + "_" + Fnv(signature);
        return sameSignatureBefore == 0 ? unique : unique + "_" + (sameSignatureBefore + 1).ToString(CultureInfo.InvariantCulture);
    }

    private static string Signature(IMethodSymbol method) =>
        method.Name + "(" + string.Join(",", method.Parameters.Select(p => p.Type.ToTypeName())) + ")";

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

    /// <summary>
    /// The class that holds the compilation's shared record writers, <c>global::</c>-qualified. It is named after the
    /// assembly: an internal type of the same name in a referenced assembly (visible through
    /// <c>InternalsVisibleTo</c>) would otherwise conflict with it.
    /// </summary>
    public static string HashWritersClass(string? assemblyName) =>
        "global::MemoGen.Generated.HashWriters_" + Identifier(assemblyName ?? "");

    /// <summary>
    /// The class that holds the compilation's shared key structs, <c>global::</c>-qualified, named after the assembly
    /// for the reason <see cref="HashWritersClass"/> is.
    /// </summary>
    public static string SharedKeysClass(string? assemblyName) =>
        "global::MemoGen.Generated.Keys_" + Identifier(assemblyName ?? "");

    /// <summary>
    /// The class that holds the compilation's shared handles, <c>global::</c>-qualified, named after the assembly for the
    /// reason <see cref="HashWritersClass"/> is. It is public: a public method's handle property returns its handle.
    /// </summary>
    public static string SharedHandlesClass(string? assemblyName) =>
        "global::MemoGen.Generated.Handles_" + Identifier(assemblyName ?? "");

    /// <summary>
    /// A shared handle's name: its parameters' names as a reader calls them (<c>Handle_n_label</c>), and a hash of its
    /// declaration, since methods with the same names may differ in their types, form or result.
    /// </summary>
    public static string SharedHandleName(IEnumerable<string> parameterNames, string declaration) =>
        "Handle" + string.Concat(parameterNames.Select(n => "_" + n)) + "_" + Fnv(declaration);

    /// <summary>
    /// A shared key struct's name: its component types as a reader knows them (<c>Key_int_string_Descriptor</c>), and a
    /// hash of their exact names and hashing, since two namespaces may each have a <c>Descriptor</c>.
    /// </summary>
    public static string SharedKeyName(IEnumerable<ITypeSymbol> types, string exactShape) =>
        "Key" + string.Concat(types.Select(t => "_" + Identifier(t.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)))) + "_" + Fnv(exactShape);

    private static string BaseStem(IMethodSymbol method) =>
        IsOverloaded(method)
            ? method.Name + string.Concat(method.Parameters.Select(p => "_" + Identifier(p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))))
            : method.Name;

    private static bool IsOverloaded(IMethodSymbol method) =>
        method.ContainingType.GetMembers(method.Name).Count(m => m.HasAttribute(KnownTypes.MemoizeAttribute)) > 1;

    /// <summary>A type's name as a piece of an identifier: <c>int[]</c> is <c>intArray</c>, <c>List&lt;int&gt;</c> <c>List_int</c>.</summary>
    private static string Identifier(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Replace("[]", "Array").Replace("?", "Nullable"))
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[builder.Length - 1] != '_')
            {
                builder.Append('_');
            }
        }

        return builder.ToString().TrimEnd('_');
    }

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
