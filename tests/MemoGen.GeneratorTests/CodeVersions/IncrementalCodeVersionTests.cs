using System.Linq;
using MemoGen.Generator;
using MemoGen.GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.CodeVersions;

/// <summary>
/// Following calls keeps the pipeline incremental: a helper edit in another file regenerates its caller (and only it);
/// an edit no Core reaches regenerates nothing.
/// </summary>
public sealed class IncrementalCodeVersionTests
{
    private const string Context = """
        using MemoGen;

        public partial class Stations(MemoOptions options) : MemoContext(options)
        {
            [Memoize] public partial double Summary(int station);
            private double SummaryCore(int station) => Helpers.Smoothed(station);

            [Memoize] public partial double Elevation(int station);
            private double ElevationCore(int station) => station * 3.5;
        }
        """;

    private const string Helpers = """
        public static class Helpers
        {
            public static double Smoothed(int station) => station / 3.0;

            public static double Unrelated(int station) => station;
        }
        """;

    [Test]
    public void A_helper_edit_in_another_file_regenerates_only_its_caller()
    {
        var compilation = GeneratorTestHelper.CreateCompilation(Context, Helpers);
        var driver = GeneratorTestHelper.CreateDriver().RunGenerators(compilation);

        var rerun = driver.RunGenerators(Replace(compilation, 1, Helpers.Replace("station / 3.0", "station / 4.0"))).GetRunResult().Results.Single();

        var reasons = rerun.TrackedSteps[TrackingNames.ValidMethods].SelectMany(s => s.Outputs)
            .ToDictionary(o => ((Generator.Models.MethodModel)o.Value).FunctionName, o => o.Reason);
        Assert.That(reasons["Summary"], Is.EqualTo(IncrementalStepRunReason.Modified));
        Assert.That(reasons["Elevation"], Is.EqualTo(IncrementalStepRunReason.Unchanged).Or.EqualTo(IncrementalStepRunReason.Cached));
    }

    [Test]
    public void An_edit_no_core_reaches_regenerates_nothing()
    {
        var compilation = GeneratorTestHelper.CreateCompilation(Context, Helpers);
        var driver = GeneratorTestHelper.CreateDriver().RunGenerators(compilation);

        var rerun = driver.RunGenerators(Replace(compilation, 1, Helpers.Replace("=> station;", "=> station * 2;"))).GetRunResult().Results.Single();

        Assert.That(rerun.TrackedSteps[TrackingNames.ValidMethods].SelectMany(s => s.Outputs).Select(o => o.Reason),
            Is.All.EqualTo(IncrementalStepRunReason.Unchanged).Or.EqualTo(IncrementalStepRunReason.Cached));
        Assert.That(rerun.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason),
            Is.All.EqualTo(IncrementalStepRunReason.Cached));
    }

    private static Compilation Replace(Compilation compilation, int index, string source)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, GeneratorTestHelper.ParseOptions, old.FilePath));
    }
}
