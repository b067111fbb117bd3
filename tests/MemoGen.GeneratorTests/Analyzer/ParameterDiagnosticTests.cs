using System.Linq;
using System.Threading.Tasks;
using MemoGen.GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.Analyzer;

/// <summary>
/// MEMO001 (a parameter that cannot be hashed), MEMO002 (one not passed by value) and MEMO017 (one named like the
/// generated code's own names), located on the parameter.
/// </summary>
public sealed class ParameterDiagnosticTests
{
    private const string Types = """
        public sealed class Mutable { public int Value; }
        public sealed record Described(string Name, object Payload);
        public sealed class Hashable : IMemoHashable { public void WriteMemoHash(ref MemoHasher hasher) { } }

        """;

    [TestCase("object", "wrap it in a type of yours that implements IMemoHashable")]
    [TestCase("Func<int>", "wrap it in a type of yours that implements IMemoHashable")]
    [TestCase("System.IO.Stream", "wrap it in a type of yours that implements IMemoHashable")]
    [TestCase("Mutable", "implement IMemoHashable on 'Mutable'")]
    [TestCase("List<int>", "wrap it in a type of yours that implements IMemoHashable")]
    [TestCase("dynamic", "wrap it in a type of yours that implements IMemoHashable")]
    [TestCase("ReadOnlySpan<int>", "pass an array or a ReadOnlyMemory<T> instead")]
    public async Task An_unhashable_parameter_type_is_MEMO001_on_the_parameter(string type, string wayOut)
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, Types + $$"""
            public partial class Context : MemoContext
            {
                [Memoize] public partial int Bad(int fine, {{type}} {|MEMO001:value|});
                private int BadCore(int fine, {{type}} value) => 0;
            }
            """);

        var message = run.Single.GetMessage();
        Assert.That(message, Does.StartWith($"Parameter 'value' of 'Context.Bad' has type '{type.Replace("System.IO.", "")}', which cannot be part of a cache key"));
        Assert.That(message, Does.Contain(wayOut).And.Contain("[MemoIgnore]").And.Contain("record"));
    }

    [Test]
    public async Task A_record_with_an_unhashable_member_names_the_member()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, Types + """
            public partial class Context : MemoContext
            {
                [Memoize] public partial int Bad(Described {|MEMO001:described|});
                private int BadCore(Described described) => 0;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.Contain("has type 'Described', which cannot be part of a cache key because of its member 'Payload', as 'object' cannot be hashed"));
    }

    [Test]
    public async Task A_record_with_a_member_generated_code_cannot_read_names_the_member()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public sealed record Secretive(string Name)
            {
                private int _salt = 3;
            }

            public partial class Context : MemoContext
            {
                [Memoize] public partial int Bad(Secretive {|MEMO001:secretive|});
                private int BadCore(Secretive secretive) => 0;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.Contain("has type 'Secretive', which cannot be part of a cache key because its member '_salt' cannot be read by generated code"));
    }

    [Test]
    public async Task An_unconstrained_type_parameter_of_the_containing_type_is_MEMO001_with_the_constraint_to_add()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial class Context<T> : MemoContext
            {
                [Memoize] public partial int Bad(T {|MEMO001:value|});
                private int BadCore(T value) => 0;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.Contain("constrain 'T' with 'where T : IMemoHashable'"));
    }

    [Test]
    public async Task Hashable_parameters_and_ignored_ones_are_fine()
    {
        await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, Types + """
            public partial class Context<T> : MemoContext where T : IMemoHashable
            {
                [Memoize] public partial int Fine(T generic, Hashable hashable, [MemoIgnore] object ignored, CancellationToken token, IProgress<int> progress, (int, string) tuple, ImmutableArray<double> data, DateTime? at);
                private int FineCore(T generic, Hashable hashable, object ignored, CancellationToken token, IProgress<int> progress, (int, string) tuple, ImmutableArray<double> data, DateTime? at) => 0;
            }
            """);
    }

    [TestCase("ref int {|MEMO002:value|}", "ref int value", "a 'ref' parameter")]
    [TestCase("in int {|MEMO002:value|}", "in int value", "an 'in' parameter")]
    [TestCase("ref readonly int {|MEMO002:value|}", "ref readonly int value", "a 'ref readonly' parameter")]
    [TestCase("params int[] {|MEMO002:value|}", "params int[] value", "a 'params' parameter")]
    [TestCase("int* {|MEMO002:value|}", "int* value", "a pointer ('int*')")]
    [TestCase("[MemoIgnore] Span<int> {|MEMO002:value|}", "Span<int> value", "of the ref struct type 'Span<int>'")]
    public async Task A_parameter_not_passed_by_value_is_MEMO002_on_the_parameter(string parameter, string coreParameter, string what)
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, $$"""
            public unsafe partial class Context : MemoContext
            {
                [Memoize] public partial int Bad({{parameter}});
                private int BadCore({{coreParameter}}) => 0;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.StartWith($"Parameter 'value' of 'Context.Bad' is {what}, and a memoized method takes its arguments by value; "));
    }

    [Test]
    public async Task An_out_parameter_is_MEMO002_and_says_to_return_the_value()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial class Context : MemoContext
            {
                [Memoize] public partial int Bad(int x, out int {|MEMO002:extra|});
                private int BadCore(int x, out int extra) { extra = 0; return x; }
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.Contain("return the value as part of the result instead"));
    }

    [TestCase("int {|MEMO017:__key|}", "int __key")]
    [TestCase("int {|MEMO017:@__self|}", "int @__self")]
    [TestCase("int {|MEMO017:__table|}, int {|MEMO017:__cached|}", "int __table, int __cached")]
    [TestCase("int x, [MemoIgnore] string {|MEMO017:__state|}", "int x, string __state")]
    [TestCase("int x, IProgress<int> {|MEMO017:__Compute|}", "int x, IProgress<int> __Compute")]
    [TestCase("int {|MEMO017:__anything|}", "int __anything")]
    public async Task A_parameter_named_with_two_leading_underscores_is_MEMO017_on_the_parameter(string parameters, string coreParameters)
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, $$"""
            public partial class Context : MemoContext
            {
                [Memoize] public partial int Bad({{parameters}});
                private int BadCore({{coreParameters}}) => 0;
            }
            """);

        Assert.That(run.Memo.Select(d => d.GetMessage()), Has.All.Match(
            "^Parameter '__[A-Za-z]+' of 'Context.Bad' begins with two underscores, which MemoGen reserves for the names in the code it generates; rename the parameter$"));
    }

    [Test]
    public async Task The_context_and_the_cancellation_token_are_MEMO017_too()
    {
        await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public static partial class Spectra
            {
                [Memoize] public static partial Task<int> Bad(MemoContext {|MEMO017:__context|}, int x, CancellationToken {|MEMO017:__token|});
                private static Task<int> BadCore(MemoContext context, int x, CancellationToken token) => Task.FromResult(x);
            }
            """);
    }

    [Test]
    public async Task A_reserved_name_is_reported_beside_a_problem_with_how_the_parameter_is_passed()
    {
        await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial class Context : MemoContext
            {
                [Memoize] public partial int Bad(ref int {|MEMO002,MEMO017:__key|});
                private int BadCore(ref int __key) => 0;
            }
            """);
    }

    [TestCase("_key")]
    [TestCase("key__")]
    [TestCase("k__ey")]
    [TestCase("_")]
    public async Task A_name_without_two_leading_underscores_is_fine_and_generates(string name)
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, $$"""
            public partial class Context : MemoContext
            {
                [Memoize] public partial int Fine(int {{name}});
                private int FineCore(int {{name}}) => {{name}};
            }
            """);

        Assert.That(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(GeneratorRun.Describe), Is.Empty, "the generated code compiles");
        Assert.That(run.Generator.Files["Context.Fine.g.cs"], Does.Contain("FineCore("), "implemented, not stubbed");
    }

    /// <summary>
    /// Each name the generated code declares, on a parameter of every form and role: the methods get throwing bodies,
    /// the valid method beside them is generated, and the build fails with MEMO017 alone rather than with errors in code
    /// the user did not write.
    /// </summary>
    [Test]
    public async Task A_parameter_named_like_generated_code_leaves_MEMO017_as_the_only_error_of_the_build(
        [Values("__table", "__key", "__cached", "__Compute", "__self", "__state", "__token", "__owner", "__context", "__Table")] string name)
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, $$"""
            public partial class Context : MemoContext
            {
                [Memoize] public partial int Square(int x);
                private int SquareCore(int x) => x * x;

                [Memoize] public partial int Bad(int {|MEMO017:{{name}}|});
                private int BadCore(int {{name}}) => 0;

                [Memoize] public partial Task<int> BadAsync(int x, CancellationToken {|MEMO017:{{name}}|});
                private Task<int> BadAsyncCore(int x, CancellationToken {{name}}) => Task.FromResult(x);

                [Memoize] public partial int BadIgnored(int x, [MemoIgnore] string {|MEMO017:{{name}}|});
                private int BadIgnoredCore(int x, string {{name}}) => x;
            }

            public static partial class Spectra
            {
                [Memoize] public static partial int Power(MemoContext {|MEMO017:{{name}}|}, int x);
                private static int PowerCore(MemoContext context, int x) => x;
            }

            public sealed partial record Instrument(string Label)
            {
                [Memoize] public partial int Beam(MemoContext context, int {|MEMO017:{{name}}|});
                private int BeamCore(MemoContext context, int x) => x;
            }
            """);

        Assert.That(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id), Has.All.EqualTo("MEMO017"), run.Describe());
        Assert.That(run.Generator.GeneratedWarnings.Select(GeneratorRun.Describe), Is.Empty);
        Assert.That(run.Generator.Files["Context.Square.g.cs"], Does.Contain("SquareCore("), "the valid method is implemented");
        var stubs = run.Generator.Files.Where(f => f.Key != "Context.Square.g.cs").ToList();
        Assert.That(stubs.Select(f => f.Key), Is.EquivalentTo(new[] { "Context.Bad.g.cs", "Context.BadAsync.g.cs", "Context.BadIgnored.g.cs", "Spectra.Power.g.cs", "Instrument.Beam.g.cs" }));
        Assert.That(stubs.Select(f => f.Value), Has.All.Contain("throw new global::System.InvalidOperationException(\"MemoGen could not implement"));
    }
}
