using System.Linq;
using MemoGen.GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NUnit.Framework;

namespace MemoGen.GeneratorTests;

/// <summary>
/// A cache name or tag holding a character a C# literal or a doc comment cannot take as it is still gives code that
/// compiles and keeps the exact string.
/// </summary>
public sealed class LiteralEscapingTests
{
    private static readonly string[] LineBreaks = ["\u2028", "\u2029", "\u0085"];

    private static readonly string[] TagCharacters = [.. LineBreaks, "\n", "\r", "\t", "\0", "\"", "\\", "{", "\u00e9"];

    [TestCaseSource(nameof(LineBreaks))]
    public void A_cache_name_with_a_line_break_compiles_and_keeps_its_text(string character)
    {
        var run = GeneratorTestHelper.RunAndCompile(Source($"Name = \"a{Escaped(character)}b\""));

        Assert.That(StringLiteralsIn(run), Does.Contain($"a{character}b"));
    }

    [TestCaseSource(nameof(TagCharacters))]
    public void A_tag_with_any_character_compiles_and_keeps_its_text(string character)
    {
        var run = GeneratorTestHelper.RunAndCompile(Source($"Tags = new[] {{ \"t{Escaped(character)}\" }}"));

        Assert.That(StringLiteralsIn(run), Does.Contain("t" + character));
    }

    private static string Source(string arguments) => $$"""
        using MemoGen;
        public partial class Context(MemoOptions options) : MemoContext(options)
        {
            [Memoize({{arguments}})] public partial int Square(int x);
            private int SquareCore(int x) => x * x;
        }
        """;

    /// <summary>The character as a C# escape, so that the test source itself is valid.</summary>
    private static string Escaped(string character) => $"\\u{(int)character[0]:X4}";

    /// <summary>The values of the string literals in the method's generated file, as the compiler reads them.</summary>
    private static string[] StringLiteralsIn(GeneratorRun run) =>
        run.Output.SyntaxTrees.Single(t => t.FilePath.EndsWith("Context.Square.g.cs", System.StringComparison.Ordinal))
            .GetRoot().DescendantNodes()
            .OfType<LiteralExpressionSyntax>()
            .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression))
            .Select(l => l.Token.ValueText)
            .ToArray();
}
