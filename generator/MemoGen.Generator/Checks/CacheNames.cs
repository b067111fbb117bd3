using System;
using System.Collections.Concurrent;
using System.Linq;
using MemoGen.Generator.Diagnostics;
using MemoGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemoGen.Generator;

/// <summary>
/// The cache names of one compilation's memoized methods, collected as the analyzer meets them and checked for
/// duplicates at the end (MEMO009). Names differing only in case count as one: they would share a folder on
/// Windows and macOS.
/// </summary>
internal sealed class CacheNames
{
    private readonly ConcurrentDictionary<IMethodSymbol, (string Name, Location Location)> _names = new(SymbolEqualityComparer.Default);

    public void Add(IMethodSymbol method, string name, Location location) => _names.TryAdd(method, (name, location));

    public void ReportDuplicates(CompilationAnalysisContext context)
    {
        var groups = _names
            .Select(entry => (Method: entry.Key, entry.Value.Name, entry.Value.Location))
            .GroupBy(entry => entry.Name, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1);
        foreach (var group in groups)
        {
            var entries = group.OrderBy(e => e.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(e => e.Location.SourceSpan.Start).ToList();
            foreach (var entry in entries)
            {
                var others = entries.Where(e => !SymbolEqualityComparer.Default.Equals(e.Method, entry.Method)).ToList();
                var first = others[0];
                var (self, otherName) = first.Method.ForMessage() == entry.Method.ForMessage()
                    ? (entry.Method.WithParameterTypes(), first.Method.WithParameterTypes())
                    : (entry.Method.ForMessage(), first.Method.ForMessage());
                var other = string.Equals(first.Name, entry.Name, StringComparison.Ordinal)
                    ? $"'{otherName}'"
                    : $"'{otherName}' (as '{first.Name}', and cache folders ignore case)";
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateName,
                    entry.Location,
                    others.Select(e => e.Location),
                    entry.Name,
                    self,
                    other));
            }
        }
    }
}
