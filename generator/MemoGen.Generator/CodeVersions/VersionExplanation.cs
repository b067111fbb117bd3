using System.Linq;

namespace MemoGen.Generator.CodeVersions;

/// <summary>The text a handle's <c>ExplainVersion()</c> returns: the code version and what it covers, one item a line.</summary>
internal static class VersionExplanation
{
    public static string Text(string functionName, string version, Helpers.EquatableArray<string> covers) =>
        $"{functionName}: code version {version} covers\n" + string.Concat(covers.Select(static item => "  " + item + "\n"));
}
