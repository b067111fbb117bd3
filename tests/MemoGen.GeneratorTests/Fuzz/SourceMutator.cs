using System;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace MemoGen.GeneratorTests.Fuzz;

/// <summary>
/// Breaks valid source the way an editor sees it mid-keystroke: tokens deleted or inserted, characters dropped or
/// typed, a line duplicated, the file cut short. Deterministic for a given <see cref="Random"/>.
/// </summary>
internal sealed class SourceMutator(Random random)
{
    /// <summary>Tokens and fragments that matter to MemoGen, plus punctuation that unbalances code.</summary>
    private static readonly string[] Fragments =
    [
        "partial", "static", "ref", "out", "in", "params", "this", "async", "readonly", "unsafe", "abstract", "virtual", "override", "new",
        "public", "private", "protected", "internal", "file", "extern", "record", "struct", "interface", "class", "delegate", "event",
        "[Memoize]", "[Memoize(Name = \"x\")]", "[Memoize(Name = \"CON\")]", "[Memoize(Name = null)]", "[Memoize(Tags = null)]",
        "[Memoize(Tags = new[] { \"disk\", null })]", "[Memoize(Tags = new string[0])]", "[Memoize(Version = \"v\")]",
        "[Memoize(Name = 3, Tags = \"disk\")]", "[Memoize(Tags = [\"lazy\", \"x\"])]", "[MemoIgnore]", "[Memoize, Memoize]",
        "Task", "Task<int>", "ValueTask", "ValueTask<int[]>", "void", "int", "object", "dynamic", "int[]", "int[,]", "List<int>",
        "ImmutableArray<double>", "MemoContext", "MemoContext ctx,", "CancellationToken ct", "int*", "delegate*<int>", "Span<int>",
        "<T>", "where T : class", "where T : IMemoHashable", "T", "Core", "__arglist", "=>", "=> default!;", "{ }", "new()", "default",
        "null", "?", "!", "::", "global::", "ref readonly", "scoped", "(int, int)", "Unknown", "Missing<int>",
        "(", ")", "{", "}", "[", "]", "<", ">", ";", ",", ".", "=", "\"", "'", "@", "#", "/*", "//", "\n",
    ];

    private const string Characters = "(){}[]<>;,.:=?!*&|^~@#$\"'`\\/+-_aZ0 \t\n";

    public string Mutate(string source)
    {
        var mutations = 1 + random.Next(3);
        for (var i = 0; i < mutations; i++)
        {
            source = random.Next(7) switch
            {
                0 => DeleteTokens(source),
                1 or 2 => InsertFragment(source),
                3 => InsertCharacter(source),
                4 => DeleteCharacters(source),
                5 => DuplicateLines(source),
                _ => random.Next(4) == 0 ? Truncate(source) : DeleteTokens(source),
            };
        }

        return source;
    }

    private string DeleteTokens(string source)
    {
        var tokens = SyntaxFactory.ParseTokens(source).Where(t => t.Span.Length > 0).ToList();
        if (tokens.Count == 0)
        {
            return source;
        }

        var first = random.Next(tokens.Count);
        var last = Math.Min(tokens.Count - 1, first + random.Next(4));
        return source.Remove(tokens[first].SpanStart, tokens[last].Span.End - tokens[first].SpanStart);
    }

    private string InsertFragment(string source)
    {
        var tokens = SyntaxFactory.ParseTokens(source).ToList();
        var at = tokens.Count == 0 ? 0 : tokens[random.Next(tokens.Count)].SpanStart;
        return source.Insert(at, Fragments[random.Next(Fragments.Length)] + " ");
    }

    private string InsertCharacter(string source) =>
        source.Insert(random.Next(source.Length + 1), Characters[random.Next(Characters.Length)].ToString());

    private string DeleteCharacters(string source)
    {
        if (source.Length == 0)
        {
            return source;
        }

        var at = random.Next(source.Length);
        return source.Remove(at, Math.Min(source.Length - at, 1 + random.Next(10)));
    }

    private string DuplicateLines(string source)
    {
        var lines = source.Split('\n').ToList();
        var first = random.Next(lines.Count);
        var copy = lines.Skip(first).Take(1 + random.Next(3)).ToList();
        lines.InsertRange(first, copy);
        return string.Join("\n", lines);
    }

    private string Truncate(string source) => source.Substring(0, random.Next(source.Length + 1));
}
