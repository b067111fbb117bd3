using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.Analyzer;

/// <summary>MEMO001 (a parameter that cannot be hashed) and MEMO002 (one not passed by value), located on the parameter.</summary>
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
}
