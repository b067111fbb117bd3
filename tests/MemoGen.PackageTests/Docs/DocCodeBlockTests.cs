using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;

namespace MemoGen.PackageTests.Docs;

/// <summary>
/// Every C# block of README.md and docs/ that does not mark itself as a fragment compiles, with no error and no warning,
/// against the packed package. The blocks are compiled in this process (see <see cref="PackedCompiler"/>).
/// </summary>
public sealed class DocCodeBlockTests
{
    private static PackedCompiler? _compiler;

    private static PackedCompiler Compiler => _compiler ??= PackedCompiler.For(PackageFixture.Package);

    private static IEnumerable<TestCaseData> Blocks() =>
        DocumentationPages.CompilingCSharpBlocks.Select(static block => new TestCaseData(block).SetArgDisplayNames(block.ToString()));

    [TestCaseSource(nameof(Blocks))]
    public async Task CompilesAgainstThePackedPackage(MarkdownCodeBlock block)
    {
        Assert.That(Compiler.GeneratorCount, Is.Positive, "the package holds no generator");

        IReadOnlyList<string> problems = await Compiler.ProblemsAsync(block.Code, block.ToString());

        Assert.That(problems, Is.Empty, $"{block} does not compile; fix it, or mark it with {MarkdownCodeBlock.FragmentComment} on the line before its fence:\n{block.Code}");
    }

    [Test]
    public void TheReadmeQuickStartIsAmongTheCompiledBlocks()
    {
        // Guards the extraction itself: a parser that found no block would make the test above pass vacuously.
        MarkdownCodeBlock quickStart = ReadmeQuickStart.Block;

        Assert.That(quickStart.IsFragment, Is.False);
        Assert.That(DocumentationPages.CompilingCSharpBlocks, Does.Contain(quickStart));
    }

    [Test]
    public async Task ABrokenBlockIsReported()
    {
        // The compiler must be able to fail: a method that does not return, and a [Memoize] method with no Core.
        const string broken = """
            using MemoGen;

            public sealed partial class Sky(MemoOptions options) : MemoContext(options)
            {
                [Memoize]
                public partial int Area(int side);
            }

            public static class Bad
            {
                public static int Value() { }
            }
            """;

        Assert.That(Compiler.AnalyzerCount, Is.Positive, "the package holds no analyzer");

        IReadOnlyList<string> problems = await Compiler.ProblemsAsync(broken, "broken.cs");

        Assert.That(problems, Has.Some.Contains("CS0161"));
        Assert.That(problems, Has.Some.Contains("MEMO006"));
    }

    [Test]
    public void FragmentsAreMarkedByACommentBeforeTheFenceOrAFirstLine()
    {
        IReadOnlyList<MarkdownCodeBlock> blocks = MarkdownCodeBlock.Parse("page.md", """
            Text.

            <!-- fragment -->
            ```csharp
            var sky = new Sky(options);
            ```

            ```csharp
            // fragment: uses the Sky above
            sky.Clear();
            ```

            ```cs
            public sealed record Map(int Pixels);
            ```

            ```xml
            <Project />
            ```
            """);

        Assert.That(blocks.Select(static b => (b.Line, b.IsCSharp, b.IsFragment)), Is.EqualTo(new[]
        {
            (4, true, true),
            (8, true, true),
            (13, true, false),
            (17, false, false),
        }));
    }
}
