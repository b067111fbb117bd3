using System.Linq;
using System.Threading.Tasks;
using MemoGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.Analyzer;

/// <summary>
/// The declared result: MEMO003 (nothing to cache), MEMO008 (mutable), MEMO013 (cannot be stored on disk), on the
/// return type.
/// </summary>
public sealed class ResultDiagnosticTests
{
    private const string Types = """
        public sealed class Settable { public int Value { get; set; } }
        public sealed class Sealed { private Sealed() { } public int Value { get; } }
        public sealed record Window((int Low, int High) Range);
        public sealed record Spectrum(double Peak, IReadOnlyList<double> Bins);

        """;

    [TestCase("void", "void", "return the value to cache, or remove [Memoize]")]
    [TestCase("Task", "Task", "return 'Task<T>' with the value to cache")]
    [TestCase("ValueTask", "ValueTask", "return 'ValueTask<T>' with the value to cache")]
    public async Task A_method_without_a_result_is_MEMO003(string returnType, string shown, string advice)
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, $$"""
            public partial class Context : MemoContext
            {
                [Memoize] public partial {|MEMO003:{{returnType}}|} Bad(int value);
                private {{returnType}} BadCore(int value) => throw null!;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.StartWith($"'Context.Bad' returns '{shown}', so there is nothing to cache; {advice}"));
    }

    [TestCase("int[]", "int[]", "'ImmutableArray<int>', 'ReadOnlyMemory<int>' or 'IReadOnlyList<int>' (the implementation may keep returning 'int[]')", "global::System.Collections.Immutable.ImmutableArray<int>")]
    [TestCase("List<string>", "List<string>", "'IReadOnlyList<string>' or 'ImmutableList<string>'", "global::System.Collections.Generic.IReadOnlyList<string>")]
    [TestCase("Dictionary<string, int>", "Dictionary<string, int>", "'FrozenDictionary<string, int>' or 'IReadOnlyDictionary<string, int>'", "global::System.Collections.Frozen.FrozenDictionary<string, int>")]
    [TestCase("HashSet<int>", "HashSet<int>", "'FrozenSet<int>' or 'IReadOnlySet<int>'", "global::System.Collections.Frozen.FrozenSet<int>")]
    [TestCase("Task<double[]>", "double[]", "'ImmutableArray<double>'", "global::System.Threading.Tasks.Task<global::System.Collections.Immutable.ImmutableArray<double>>")]
    public async Task A_mutable_collection_result_is_MEMO008_with_its_immutable_counterparts(string returnType, string shown, string suggestion, string suggestedType)
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, $$"""
            public partial class Context : MemoContext
            {
                [Memoize] public partial {|MEMO008:{{returnType}}|} Bad(int value);
                private {{returnType}} BadCore(int value) => throw null!;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.StartWith($"The result type '{shown}' of 'Context.Bad' can be changed by its callers").And.Contain(suggestion));
        Assert.That(run.Single.Properties[DiagnosticIds.SuggestedReturnTypeProperty], Is.EqualTo(suggestedType));
    }

    [Test]
    public async Task A_class_with_settable_state_is_MEMO008_suggesting_how_to_make_it_immutable()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, Types + """
            public partial class Context : MemoContext
            {
                [Memoize] public partial {|MEMO008:Settable|} Bad(int value);
                private Settable BadCore(int value) => new();
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.Contain("give 'Settable' only readonly fields and init-only properties, or implement IAsImmutable<T> on it"));
        Assert.That(run.Single.Properties.ContainsKey(DiagnosticIds.SuggestedReturnTypeProperty), Is.False);
    }

    [Test]
    public async Task A_ref_return_is_MEMO008()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial class Context : MemoContext
            {
                [Memoize] public partial {|MEMO008:ref int|} Bad(int value);
                private int BadCore(int value) => value;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.Contain("'ref int'").And.Contain("return 'int' by value instead"));
    }

    [TestCase("disk", "Window", "its property 'Range' cannot be stored: '(int Low, int High)' is a value tuple")]
    [TestCase("disk", "IReadOnlyList<Sealed>", "'Sealed' has no public constructor")]
    [TestCase("disk", "Sealed", "'Sealed' has no public constructor for System.Text.Json to call")]
    [TestCase("disk", "Lazy<int>", "'Lazy<int>' cannot be read back")]
    public async Task A_stored_result_the_default_serializers_cannot_round_trip_is_MEMO013(string tag, string returnType, string reason)
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, Types + $$"""
            public partial class Context : MemoContext
            {
                [Memoize(Tags = new[] { "{{tag}}" })] public partial {|MEMO013:{{returnType}}|} Bad(int value);
                private {{returnType}} BadCore(int value) => throw null!;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.StartWith($"'Context.Bad' is tagged '{tag}', but its result type").And.Contain(reason).And.EndWith($"or remove the tag '{tag}'"));
    }

    [TestCase("ImmutableArray<double>")]
    [TestCase("ReadOnlyMemory<float>")]
    [TestCase("Spectrum")]
    [TestCase("IReadOnlyList<Spectrum>")]
    [TestCase("IReadOnlyDictionary<string, int>")]
    [TestCase("ImmutableList<string>")]
    [TestCase("Task<string>")]
    [TestCase("DateTimeOffset?")]
    [TestCase("IReadOnlySet<int>")]
    [TestCase("System.Collections.Frozen.FrozenDictionary<string, int>")]
    [TestCase("(int Low, int High)")]
    [TestCase("ImmutableArray<IReadOnlySet<int>>")]
    public async Task A_stored_result_the_default_serializers_handle_is_fine(string returnType)
    {
        await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, Types + $$"""
            public partial class Context : MemoContext
            {
                [Memoize(Tags = new[] { "disk", "lazy" })] public partial {{returnType}} Fine(int value);
                private {{returnType}} FineCore(int value) => throw null!;
            }
            """);
    }

    [Test]
    public async Task A_result_that_is_not_stored_needs_no_serializer()
    {
        await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial class Context : MemoContext
            {
                [Memoize] public partial IReadOnlySet<int> Fine(int value);
                private HashSet<int> FineCore(int value) => new();
            }
            """);
    }

    [Test]
    public async Task An_immutable_collection_of_a_mutable_type_is_MEMO008_naming_the_element()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial class Context : MemoContext
            {
                [Memoize] public partial {|MEMO008:IReadOnlyList<int[]>|} Bad(int value);
                private IReadOnlyList<int[]> BadCore(int value) => throw null!;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.Contain("return 'IReadOnlyList<int[]>' with an immutable type in place of 'int[]', such as 'ImmutableArray<int>'"));
    }

    [Test]
    public async Task A_result_of_an_unconstrained_type_parameter_is_MEMO008_and_an_unmanaged_one_is_fine()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial class Maps<T, TValue>(MemoOptions options) : MemoContext(options) where TValue : unmanaged
            {
                [Memoize] public partial {|MEMO008:ImmutableArray<T>|} Bad(string name);
                private T[] BadCore(string name) => throw null!;

                [Memoize] public partial ImmutableArray<TValue> Fine(string name);
                private TValue[] FineCore(string name) => new TValue[name.Length];
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.Contain("in place of 'T', such as a concrete immutable type, or constrain 'T' with 'unmanaged'"));
        Assert.That(run.Generator.Files.Keys.Order(), Is.EqualTo(new[] { "Maps_2.Bad.g.cs", "Maps_2.Fine.g.cs" }), "Bad gets a throwing stub");
        Assert.That(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true), Is.Empty);
    }
}
