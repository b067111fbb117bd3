using System;
using System.IO;
using System.Linq;

namespace MemoGen.PackageTests.Docs;

/// <summary>The README's sections that other tests run as written: the quick start and the generated-files settings.</summary>
internal static class ReadmeQuickStart
{
    private static string Readme => File.ReadAllText(DocumentationPages.Readme);

    /// <summary>The first C# block of the "Quick start" section.</summary>
    public static MarkdownCodeBlock Block => BlockIn("## Quick start", "csharp");

    /// <summary>What the README says the quick start prints.</summary>
    public static string ExpectedOutput
    {
        get
        {
            string section = Section("## Quick start");
            const string Marker = "`dotnet run` prints `";
            int start = section.IndexOf(Marker, StringComparison.Ordinal);
            if (start < 0)
            {
                throw new InvalidDataException("The README's quick start no longer says what `dotnet run` prints.");
            }

            start += Marker.Length;
            return section[start..section.IndexOf('`', start)];
        }
    }

    /// <summary>The XML block of "Seeing the generated code": the project settings that write the generated files.</summary>
    public static string GeneratedFilesSettings => BlockIn("## Seeing the generated code", "xml").Code;

    private static MarkdownCodeBlock BlockIn(string heading, string language)
    {
        string section = Section(heading);
        return DocumentationPages.BlocksOf(DocumentationPages.Readme)
            .First(block => block.Language == language && section.Contains(block.Code, StringComparison.Ordinal));
    }

    private static string Section(string heading)
    {
        string readme = Readme.ReplaceLineEndings("\n");
        int start = readme.IndexOf(heading + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidDataException($"The README has no section '{heading}'.");
        }

        int end = readme.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }
}
