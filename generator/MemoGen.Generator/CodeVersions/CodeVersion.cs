using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MemoGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.CodeVersions;

/// <summary>
/// A memoized method's code version: a hash of the tokens (not the text: comments and layout do not count) of its
/// <c>Core</c> and of everything the <c>Core</c> can run in this compilation (see <see cref="CallGraphWalker"/>), of
/// the names and versions of the referenced assemblies it calls into, and of the manual <c>Version</c>. With
/// <c>PinVersion</c>, only the manual <c>Version</c> counts.
/// </summary>
/// <param name="Value">The version, 16 hexadecimal digits.</param>
/// <param name="Covers">What the version covers, for the handle's <c>ExplainVersion()</c>: one line per member or assembly.</param>
internal sealed record CodeVersion(string Value, EquatableArray<string> Covers)
{
    /// <summary>The named argument of <c>[Memoize]</c> that pins the version to the manual one.</summary>
    public const string PinVersionArgument = "PinVersion";

    public static CodeVersion Compute(IMethodSymbol core, int manualVersion, bool pinned, Compilation compilation, CancellationToken cancellationToken)
    {
        if (pinned)
        {
            var pinnedHash = new TokenHash();
            pinnedHash.Add("pinned version=" + manualVersion);
            return new CodeVersion(pinnedHash.Value, new[] { $"pinned by hand: Version = {manualVersion}" }.ToEquatableArray());
        }

        var graph = CallGraphWalker.Walk(core, compilation, cancellationToken);

        // The Core first and then the manual version, as before calls were followed, so that a Core that calls nothing
        // of this compilation or outside it keeps the version it had.
        var hash = new TokenHash();
        var coreMember = graph.Members.First(m => SymbolEqualityComparer.Default.Equals(m.Symbol, core));
        hash.AddTokens(coreMember.Syntax, cancellationToken);
        hash.Add("version=" + manualVersion);

        var covers = new List<string> { Describe(core) };
        foreach (var member in graph.Members.Where(m => !ReferenceEquals(m, coreMember)).OrderBy(m => Describe(m.Symbol), System.StringComparer.Ordinal))
        {
            var name = Describe(member.Symbol);
            covers.Add(name);
            hash.Add("member " + name);
            hash.AddTokens(member.Syntax, cancellationToken);
        }

        foreach (var assembly in graph.Assemblies)
        {
            covers.Add("assembly " + assembly);
            hash.Add("assembly " + assembly);
        }

        return new CodeVersion(hash.Value, covers.ToEquatableArray());
    }

    /// <summary>Whether <c>[Memoize(PinVersion = true)]</c>.</summary>
    public static bool IsPinned(AttributeData attribute) =>
        attribute.NamedArguments.Any(static argument => argument.Key == PinVersionArgument && argument.Value.Value is true);

    private static string Describe(ISymbol symbol) => symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
}
