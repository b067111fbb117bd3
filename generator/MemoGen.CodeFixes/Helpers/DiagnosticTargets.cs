using System.Linq;
using Microsoft.CodeAnalysis;

namespace MemoGen.CodeFixes.Helpers;

/// <summary>
/// Finds the declaration a diagnostic is about. The fixes accept a location anywhere on or inside the declaration (its
/// identifier, its return type, the whole node), so they do not depend on where exactly the analyzer reports.
/// </summary>
internal static class DiagnosticTargets
{
    public static T? Find<T>(SyntaxNode root, Diagnostic diagnostic)
        where T : SyntaxNode =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<T>().FirstOrDefault();
}
