using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using MemoGen.GeneratorTests.Analyzer;
using MemoGen.GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.Fuzz;

/// <summary>
/// The generator and the analyzer meet broken, half-typed code on every keystroke. Seeded mutations of valid memoized
/// classes must never make either throw (a generator exception is CS8785 and drops all generated code), and a valid
/// memoized class in another file must still generate and compile. <c>MEMOGEN_FUZZ_CASES</c> runs more cases,
/// <c>MEMOGEN_FUZZ_SEED</c> other ones.
/// </summary>
public sealed class FuzzTests
{
    private const int DefaultCases = 400;
    private const int DefaultSeed = 0x4D454D4F;
    private const string UntouchedHintName = "Fuzz.Untouched.UntouchedContext.Guard.g.cs";

    private const string Untouched = """
        using System.Collections.Immutable;
        using MemoGen;

        namespace Fuzz.Untouched;

        public sealed record UntouchedKey(string Label, int Size);

        public partial class UntouchedContext(MemoOptions options) : MemoContext(options)
        {
            [Memoize(Name = "untouched_guard", Tags = new[] { "disk" })]
            public partial ImmutableArray<int> Guard(UntouchedKey key, double scale);

            private int[] GuardCore(UntouchedKey key, double scale) => new int[key.Size];
        }
        """;

    [Test]
    public async Task Broken_code_never_makes_the_generator_or_the_analyzer_throw_and_valid_code_elsewhere_still_generates()
    {
        var cases = Math.Max(DefaultCases, FromEnvironment("MEMOGEN_FUZZ_CASES", DefaultCases)); // raises, never lowers
        var seed = FromEnvironment("MEMOGEN_FUZZ_SEED", DefaultSeed);
        var originals = Originals();
        var untouched = GeneratorTestHelper.CreateCompilation(Untouched);
        var failures = new List<string>();

        for (var i = 0; i < cases; i++)
        {
            var random = new Random(seed + i);
            var mutated = new SourceMutator(random).Mutate(originals[random.Next(originals.Count)]);
            if (await FailureAsync(untouched, mutated) is { } failure)
            {
                failures.Add($"case {i} (seed {seed + i}): {failure}\n----- source -----\n{mutated}\n------------------");
            }
        }

        Assert.That(failures, Is.Empty, $"{failures.Count} of {cases} cases failed; the first:\n{string.Join("\n\n", failures.Take(3))}");
    }

    /// <summary>What went wrong with one mutated source; null when nothing did.</summary>
    private static async Task<string?> FailureAsync(CSharpCompilation untouched, string mutated)
    {
        var tree = CSharpSyntaxTree.ParseText(mutated, GeneratorTestHelper.ParseOptions, path: "Mutated.cs");
        var input = untouched.AddSyntaxTrees(tree);
        var driver = GeneratorTestHelper.CreateDriver().RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);
        var run = new GeneratorRun(driver, input, output, generatorDiagnostics);
        if (run.Result.Results.Single().Exception is { } exception)
        {
            return $"the generator threw {exception}";
        }

        if (!generatorDiagnostics.IsEmpty)
        {
            return $"the generator reported {string.Join("; ", generatorDiagnostics.Select(GeneratorRun.Describe))}";
        }

        var analyzed = await AnalyzerTestHelper.RunAsync(run);
        if (analyzed.AnalyzerExceptions.Count > 0)
        {
            return $"the analyzer threw {analyzed.AnalyzerExceptions[0]}";
        }

        if (analyzed.Diagnostics.FirstOrDefault(d => d.Id is "AD0001" or "CS8785") is { } crash)
        {
            return GeneratorRun.Describe(crash);
        }

        if (Shadows(tree))
        {
            return null;
        }

        if (!run.Files.ContainsKey(UntouchedHintName))
        {
            return "the untouched method was not generated";
        }

        var untouchedTrees = output.SyntaxTrees.Where(t => t.FilePath.EndsWith(UntouchedHintName, StringComparison.Ordinal) || t.FilePath == "Source0.cs").ToList();
        var untouchedErrors = analyzed.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } source && untouchedTrees.Contains(source)).ToList();
        if (untouchedErrors.Count > 0)
        {
            return $"the untouched class has errors: {string.Join("; ", untouchedErrors.Select(GeneratorRun.Describe))}";
        }

        return UnexplainedPartial(analyzed, tree);
    }

    /// <summary>
    /// Whether the mutated file declares a type named like one the untouched class or its generated code uses (a stray
    /// <c>class</c> before <c>MemoContext</c> makes one): the untouched code then legitimately means something else.
    /// </summary>
    private static bool Shadows(SyntaxTree tree)
    {
        var used = new HashSet<string>(SyntaxFactory.ParseTokens(Untouched).Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText), StringComparer.Ordinal)
        {
            "System", "MemoGen",
        };
        return tree.GetRoot().DescendantNodes().Any(node => node switch
        {
            BaseTypeDeclarationSyntax type => used.Contains(type.Identifier.ValueText),
            DelegateDeclarationSyntax type => used.Contains(type.Identifier.ValueText),
            BaseNamespaceDeclarationSyntax ns => ns.Name.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => used.Contains(n.Identifier.ValueText)),
            _ => false,
        });
    }

    /// <summary>
    /// A memoized method left unimplemented (CS8795) must come with a reason: a MemoGen error on it, or the compiler
    /// complaining about the broken code.
    /// </summary>
    private static string? UnexplainedPartial(AnalyzerRun analyzed, SyntaxTree tree)
    {
        var inTree = analyzed.Diagnostics.Where(d => d.Location.SourceTree == tree && d.Severity == DiagnosticSeverity.Error).ToList();
        if (inTree.Any(d => !d.Id.StartsWith("MEMO", StringComparison.Ordinal) && d.Id != "CS8795"))
        {
            return null;
        }

        foreach (var unimplemented in inTree.Where(d => d.Id == "CS8795"))
        {
            var method = tree.GetRoot().FindNode(unimplemented.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>();
            var memoized = method is not null && method.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().Contains("Memoize"));
            if (memoized && !inTree.Any(d => d.Id.StartsWith("MEMO", StringComparison.Ordinal) && method!.Span.Contains(d.Location.SourceSpan)))
            {
                return $"CS8795 without a MemoGen error: {GeneratorRun.Describe(unimplemented)}";
            }
        }

        return null;
    }

    /// <summary>Memoized declarations one a line, so that duplicating and deleting lines makes overloads and twins.</summary>
    private const string Dense = """
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Threading.Tasks;
        using MemoGen;

        namespace Dense;

        public sealed record Key(string Name, int Size);

        public partial class Store : MemoContext
        {
            [Memoize] public partial int Count(Key key);
            private int CountCore(Key key) => key.Size;
            [Memoize(Name = "count_all")] public partial int Count();
            private int CountCore() => 0;
            [Memoize(Tags = new[] { "disk" })] public partial ImmutableArray<double> Load(Key key);
            private double[] LoadCore(Key key) => new double[key.Size];
            [Memoize] public partial Task<IReadOnlyList<int>> FetchAsync(Key key, [MemoIgnore] bool verbose);
            private async Task<List<int>> FetchAsyncCore(Key key, bool verbose) { await Task.Yield(); return new List<int> { key.Size }; }
            [Memoize] public static partial string Describe(MemoContext context, Key key);
            private static string DescribeCore(MemoContext context, Key key) => key.Name;
        }

        public sealed partial record Probe(string Site)
        {
            [Memoize] public partial int Measure(MemoContext context, int night);
            private int MeasureCore(MemoContext context, int night) => night;
        }
        """;

    private static List<string> Originals() =>
    [
        Dense, Dense, Sources.ContextIsThis, Sources.StaticWithContext, Sources.InstanceWithContext, Sources.NestedGeneric,
        .. InvalidInputs.Cases.Select(c => InvalidInputs.Source((string)c.Arguments[0]!)),
    ];

    private static int FromEnvironment(string variable, int fallback) =>
        int.TryParse(MemoGen.TestSupport.TestSwitches.Read(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
