using System.Collections.Generic;
using System.IO;
using System.Linq;
using MemoGen.PackageTests.Infrastructure;

namespace MemoGen.PackageTests.Docs;

/// <summary>
/// The pages whose C# blocks must compile: README.md and every page under docs/, except the diagnostic pages
/// (docs/diagnostics/MEMO*.md), whose examples show code that fails to build on purpose.
/// </summary>
internal static class DocumentationPages
{
    public static string Readme => Path.Combine(RepoPaths.Root, "README.md");

    public static IEnumerable<string> All =>
        new[] { Readme }.Concat(Directory
            .EnumerateFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md", SearchOption.AllDirectories)
            .Where(static path => !(Path.GetFileName(Path.GetDirectoryName(path)) == "diagnostics"
                && Path.GetFileName(path).StartsWith("MEMO", System.StringComparison.Ordinal)))
            .Order(System.StringComparer.Ordinal));

    public static IReadOnlyList<MarkdownCodeBlock> BlocksOf(string path) =>
        MarkdownCodeBlock.Parse(Path.GetRelativePath(RepoPaths.Root, path).Replace('\\', '/'), File.ReadAllText(path));

    /// <summary>The C# blocks of every page that claim to compile.</summary>
    public static IEnumerable<MarkdownCodeBlock> CompilingCSharpBlocks =>
        All.SelectMany(BlocksOf).Where(static block => block.IsCSharp && !block.IsFragment);
}
