using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.CodeVersions;

/// <summary>
/// Where a virtual or interface call may land, as far as this compilation knows: every method of its source types that
/// overrides the called member or implements it. Overrides in other assemblies cannot be seen.
/// </summary>
internal static class Dispatch
{
    public static IEnumerable<IMethodSymbol> Targets(IMethodSymbol called, IReadOnlyList<INamedTypeSymbol> sourceTypes)
    {
        foreach (var type in sourceTypes)
        {
            foreach (var candidate in type.GetMembers(called.Name).OfType<IMethodSymbol>())
            {
                if (Overrides(candidate, called))
                {
                    yield return candidate;
                }
            }

            if (called.ContainingType.TypeKind == TypeKind.Interface
                && type.FindImplementationForInterfaceMember(called) is IMethodSymbol implementation
                && SymbolEqualityComparer.Default.Equals(implementation.ContainingType, type))
            {
                yield return implementation.OriginalDefinition;
            }
        }
    }

    private static bool Overrides(IMethodSymbol candidate, IMethodSymbol called)
    {
        for (var overridden = candidate.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, called))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly ConditionalWeakTable<Compilation, List<INamedTypeSymbol>> TypesByCompilation = new();

    /// <summary>
    /// Every type declared in the compilation, listed once per compilation and shared by the walks of all its memoized
    /// methods (the table holds the compilation weakly, so nothing outlives it).
    /// </summary>
    public static List<INamedTypeSymbol> SourceTypesOf(Compilation compilation, CancellationToken cancellationToken)
    {
        if (TypesByCompilation.TryGetValue(compilation, out var cached))
        {
            return cached;
        }

        var types = SourceTypes(compilation.Assembly.GlobalNamespace, cancellationToken);
        lock (TypesByCompilation)
        {
            if (TypesByCompilation.TryGetValue(compilation, out cached))
            {
                return cached;
            }

            TypesByCompilation.Add(compilation, types);
            return types;
        }
    }

    private static List<INamedTypeSymbol> SourceTypes(INamespaceSymbol root, CancellationToken cancellationToken)
    {
        var types = new List<INamedTypeSymbol>();
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in pending.Pop().GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    pending.Push(ns);
                }
                else if (member is INamedTypeSymbol type)
                {
                    types.Add(type);
                    pending.Push(type);
                }
            }
        }

        return types;
    }
}
