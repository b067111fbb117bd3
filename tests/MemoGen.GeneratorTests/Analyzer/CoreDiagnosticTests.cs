using System.Linq;
using System.Threading.Tasks;
using MemoGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.Analyzer;

/// <summary>The implementation: MEMO006 (missing, with the signature to add), MEMO007 (does not fit, with what would), on the method's name.</summary>
public sealed class CoreDiagnosticTests
{
    [Test]
    public async Task A_missing_Core_is_MEMO006_with_the_exact_signature()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public sealed record MapDescriptor(string Name);

            public static partial class Spectra
            {
                [Memoize] public static partial ImmutableArray<double> {|MEMO006:Frobnify|}(MemoContext ctx, MapDescriptor map, int @class);
            }
            """);

        const string Signature = "private static ImmutableArray<double> FrobnifyCore(MemoContext ctx, MapDescriptor map, int @class)";
        Assert.That(run.Single.GetMessage(), Is.EqualTo($"'Spectra.Frobnify' has no implementation to call when a result is not cached; add the method '{Signature}'"));
        Assert.That(run.Single.Properties[DiagnosticIds.CoreSignatureProperty], Is.EqualTo(
            "private static global::System.Collections.Immutable.ImmutableArray<double> FrobnifyCore(global::MemoGen.MemoContext ctx, global::MapDescriptor map, int @class)"));
    }

    [TestCase("private long BadCore(int value) => 0;", "it returns 'long', which MemoGen cannot turn into 'int'; return 'int'")]
    [TestCase("private static int BadCore(int value) => 0;", "it must not be static, as the memoized method is an instance method")]
    [TestCase("private int BadCore(long value) => 0;", "its parameters must be those of the memoized method, (int value)")]
    [TestCase("private int BadCore<T>(int value) => 0;", "it must not be generic")]
    [TestCase("private Task<int> BadCore(int value) => null!;", "it returns 'Task<int>', but 'Context.Bad' is not async, so return 'int'")]
    public async Task A_Core_that_does_not_fit_is_MEMO007_saying_what_would(string core, string why)
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, $$"""
            public partial class Context : MemoContext
            {
                [Memoize] public partial int {|MEMO007:Bad|}(int value);
                {{core}}
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.StartWith("'Context.BadCore").And.Contain("' does not fit 'Context.Bad': ").And.Contain(why));
        Assert.That(run.Single.AdditionalLocations.Single().GetLineSpan().StartLinePosition.Line, Is.EqualTo(9), "points at the Core method");
    }

    [TestCase("ImmutableArray<double>", "List<double>", "return 'ImmutableArray<double>' or 'double[]', or a type implementing IAsImmutable<ImmutableArray<double>>")]
    [TestCase("IReadOnlyList<int>", "HashSet<int>", "return 'IReadOnlyList<int>' or 'int[]' or 'List<int>'")]
    [TestCase("Task<IReadOnlyDictionary<string, int>>", "Task<List<int>>", "return a Task<T> or ValueTask<T> of 'IReadOnlyDictionary<string, int>' or 'Dictionary<string, int>'")]
    [TestCase("Task<int>", "int", "'Context.Bad' is async, so return a Task<T> or ValueTask<T> of 'int'")]
    public async Task A_Core_result_that_does_not_convert_is_MEMO007_listing_the_types_that_would(string returnType, string coreType, string fits)
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, $$"""
            public partial class Context : MemoContext
            {
                [Memoize] public partial {{returnType}} {|MEMO007:Bad|}(int value);
                private {{coreType}} BadCore(int value) => throw null!;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.Contain(fits));
    }

    [Test]
    public async Task Overloaded_Cores_are_matched_by_parameters()
    {
        await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial class Context : MemoContext
            {
                [Memoize(Name = "all")] public partial int Count();
                [Memoize(Name = "in")] public partial int Count(int value);
                private int CountCore(int value) => value;
                private int CountCore() => 0;
            }
            """);
    }
}
