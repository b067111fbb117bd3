using MemoGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.CodeVersions;

/// <summary>
/// The diagnostic of code versions. It lives beside them rather than in <see cref="DiagnosticDescriptors"/> so that
/// the two could be written at once; the descriptor follows the same conventions.
/// </summary>
internal static class CodeVersionDiagnostics
{
    public const string UnseenDependencyId = "MEMO030";

    /// <summary>Format: <c>The code version of '{0}' cannot see what runs behind {1}; ...</c>.</summary>
    public static readonly DiagnosticDescriptor UnseenDependency = new(
        UnseenDependencyId,
        "Code version cannot see a dependency",
        "The code version of '{0}' cannot see what runs behind {1}; when that code changes, bump [Memoize(Version = ...)] so that cached results are recomputed",
        DiagnosticDescriptors.Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A memoized method's code version covers its implementation and everything it calls in this compilation. A delegate it is "
        + "handed, or code it runs by reflection, is chosen at run time, so an edit there does not invalidate cached results.",
        helpLinkUri: DiagnosticDescriptors.HelpLink(UnseenDependencyId));
}
