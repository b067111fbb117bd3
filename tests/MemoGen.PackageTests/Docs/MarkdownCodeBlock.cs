using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MemoGen.PackageTests.Docs;

/// <summary>
/// A fenced code block of a Markdown page. A C# block claims to compile unless it marks itself as a fragment: an HTML
/// comment <c>&lt;!-- fragment --&gt;</c> on the line before its fence (invisible on the rendered page), or
/// <c>// fragment</c> as its first line.
/// </summary>
public sealed record MarkdownCodeBlock(string Page, int Line, string Language, string Code, bool IsFragment)
{
    public const string FragmentComment = "<!-- fragment -->";
    public const string FragmentFirstLine = "// fragment";

    private static readonly string[] CSharpLanguages = ["csharp", "cs", "c#"];

    public bool IsCSharp => CSharpLanguages.Contains(Language, StringComparer.OrdinalIgnoreCase);

    /// <summary>Where the block is, as a test name: the page relative to the repository and the fence's line.</summary>
    public override string ToString() => $"{Page}:{Line}";

    /// <summary>Every fenced block of <paramref name="markdown"/>, in order; an unclosed fence is an error.</summary>
    public static IReadOnlyList<MarkdownCodeBlock> Parse(string page, string markdown)
    {
        string[] lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<MarkdownCodeBlock>();
        for (int i = 0; i < lines.Length; i++)
        {
            string fence = lines[i].TrimStart();
            if (!fence.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            int end = Array.FindIndex(lines, i + 1, line => line.TrimStart().StartsWith("```", StringComparison.Ordinal));
            if (end < 0)
            {
                throw new InvalidDataException($"{page}:{i + 1}: the code fence is never closed.");
            }

            string code = string.Join("\n", lines[(i + 1)..end]);
            string previous = lines.Take(i).LastOrDefault(static line => line.Trim().Length > 0)?.Trim() ?? "";
            bool fragment = previous == FragmentComment || code.TrimStart().StartsWith(FragmentFirstLine, StringComparison.Ordinal);
            blocks.Add(new MarkdownCodeBlock(page, i + 1, fence[3..].Trim(), code, fragment));
            i = end;
        }

        return blocks;
    }
}
