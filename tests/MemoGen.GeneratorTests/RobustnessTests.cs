using System.Linq;
using System.Threading.Tasks;
using MemoGen.Generator;
using MemoGen.GeneratorTests.Analyzer;
using MemoGen.GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace MemoGen.GeneratorTests;

/// <summary>
/// Odd but possible input, each a crash found or feared: the generator must not throw (that drops every generated
/// file, CS8785), and the analyzer must not either.
/// </summary>
public sealed class RobustnessTests
{
    [TestCase("[Memoize(Tags = null)] public partial int Odd(int x);\nprivate int OddCore(int x) => x;", TestName = "Tags = null")]
    [TestCase("[Memoize(Tags = new string[] { null!, \"disk\" })] public partial int Odd(int x);\nprivate int OddCore(int x) => x;", TestName = "A null tag")]
    [TestCase("[Memoize(Name = null)] public partial int Odd(int x);\nprivate int OddCore(int x) => x;", TestName = "Name = null")]
    [TestCase("[Memoize(Name = 3, Tags = \"disk\", Version = \"v\")] public partial int Odd(int x);\nprivate int OddCore(int x) => x;", TestName = "Arguments of the wrong type")]
    [TestCase("[Memoize, Memoize] public partial int Odd(int x);\nprivate int OddCore(int x) => x;", TestName = "The attribute twice")]
    [TestCase("[Memoize] public partial int Odd(int x);\n[Memoize] public partial int Odd(int x);\nprivate int OddCore(int x) => x;", TestName = "A duplicated declaration")]
    [TestCase("[Memoize] public partial int Odd();\nprivate int OddCore() => 0;\n[Memoize] public partial int Odd(int x);\nprivate int OddCore(int x) => x;", TestName = "Overloads sharing a cache name")]
    [TestCase("[Memoize] public partial int Odd(int x);\nprivate int OddCore(int x) => x;\n[Memoize(Name = \"odd2\")] public partial int odd(int x);\nprivate int oddCore(int x) => x;", TestName = "Names differing in case")]
    [TestCase("[Memoize(Name = \"a-b\")] public partial int Odd();\nprivate int OddCore() => 0;\n[Memoize(Name = \"a_b\")] public partial int Odd(int x);\nprivate int OddCore(int x) => x;", TestName = "Overload cache names that make one identifier")]
    [TestCase("[Memoize] public partial Unknown Odd(Missing x);\nprivate Unknown OddCore(Missing x) => default!;", TestName = "Unknown types")]
    [TestCase("[Memoize] public partial int Odd(int x)", TestName = "Half-typed declaration")]
    [TestCase("[Memoize] public partial int Odd(int x, __arglist);\nprivate int OddCore(int x, __arglist) => x;", TestName = "__arglist")]
    [TestCase("[Memoize] public partial int Odd(this MemoContext context, int x);\nprivate int OddCore(MemoContext context, int x) => x;", TestName = "A this parameter outside a static class")]
    [TestCase("[Memoize] public partial int Odd(int x = 3);\nprivate int OddCore(int x) => x;", TestName = "A default value")]
    [TestCase("[Memoize] public partial int Odd(int x);\nprivate int OddCore(int x) => x;\n[Memoize] public partial int Odd_odd(int x);\nprivate int Odd_oddCore(int x) => x;", TestName = "A method named like another's stem")]
    public async Task Odd_input_makes_neither_the_generator_nor_the_analyzer_throw(string members)
    {
        var source = $$"""
            using MemoGen;
            public partial class Context : MemoContext
            {
                {{members}}

                [Memoize] public partial int Square(int x);
                private int SquareCore(int x) => x * x;
            }
            """;

        var run = await AnalyzerTestHelper.RunAsync(source);

        Assert.That(run.Generator.Result.Results.Single().Exception, Is.Null);
        Assert.That(run.Generator.GeneratorDiagnostics, Is.Empty);
        Assert.That(run.AnalyzerExceptions, Is.Empty);
        Assert.That(run.Generator.Files.Keys, Does.Contain("Context.Square.g.cs"));
        var generatedErrors = run.Generator.Errors.Where(e => e.Location.SourceTree?.FilePath.EndsWith("Square.g.cs") == true);
        Assert.That(generatedErrors.Select(GeneratorRun.Describe), Is.Empty);
    }

    [TestCase("namespace N { public partial class Sky : MemoContext { %s } }", "namespace N { public partial class sky : MemoContext { %s } }", TestName = "Types differing in case")]
    [TestCase("namespace Astro { public partial class Sky : MemoContext { %s } }", "namespace astro { public partial class Sky : MemoContext { %s } }", TestName = "Namespaces differing in case")]
    [TestCase("public partial class Outer<T> : MemoContext { %s }", "public partial class Outer_1 : MemoContext { %s }", TestName = "A generic type beside one named like its arity")]
    public async Task Types_whose_hint_names_would_differ_only_in_case_get_files_of_their_own(string first, string second)
    {
        const string Method = "[Memoize(Name = \"{0}\")] public partial int Get(int x); private int GetCore(int x) => x;";
        var run = await AnalyzerTestHelper.RunAsync(
            "using MemoGen; " + first.Replace("%s", Method.Replace("{0}", "a")),
            "using MemoGen; " + second.Replace("%s", Method.Replace("{0}", "b")));

        Assert.That(run.Generator.Result.Results.Single().Exception, Is.Null);
        Assert.That(run.Generator.Files.Keys.Select(k => k.ToUpperInvariant()).Distinct().Count(), Is.EqualTo(2), string.Join(", ", run.Generator.Files.Keys));
        run.Generator.AssertCompiles();
        Assert.That(run.Memo, Is.Empty);
    }

    [Test]
    public void An_extension_method_on_the_context_generates_code_that_compiles()
    {
        var run = GeneratorTestHelper.RunAndCompile("""
            using MemoGen;
            public static partial class Extensions
            {
                [Memoize] public static partial int Twice(this MemoContext context, int x);
                private static int TwiceCore(MemoContext context, int x) => 2 * x;
            }
            """);

        Assert.That(run.Files["Extensions.Twice.g.cs"], Does.Contain("Twice(this global::MemoGen.MemoContext context, int x)"));
    }

    [Test]
    public void A_cache_name_with_xml_characters_keeps_the_doc_comments_well_formed()
    {
        var parseOptions = GeneratorTestHelper.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        var compilation = GeneratorTestHelper.CreateCompilation().AddSyntaxTrees(CSharpSyntaxTree.ParseText("""
            using MemoGen;
            /// <summary>A context.</summary>
            public partial class Context : MemoContext
            {
                /// <summary>Counts.</summary>
                [Memoize(Name = "counts&totals")] public partial int Count(int x);
                private int CountCore(int x) => x;
            }
            """, parseOptions));
        var driver = CSharpGeneratorDriver.Create([new MemoizeGenerator().AsSourceGenerator()], parseOptions: parseOptions);

        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);

        var files = output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs")).Select(t => t.ToString()).ToArray();
        Assert.That(files.Where(f => f.Contains("Count(int x)") && f.Contains("counts&amp;totals")), Is.Not.Empty, "Count is generated, its name escaped in the doc comments");
        var generated = output.GetDiagnostics().Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true && d.Id.StartsWith("CS15"));
        Assert.That(generated.Select(GeneratorRun.Describe), Is.Empty);
    }
}
