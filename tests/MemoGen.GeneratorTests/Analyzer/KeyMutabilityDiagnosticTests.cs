using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.Analyzer;

/// <summary>MEMO020: a record kept in the key by reference whose state a caller can change after the call, on the parameter.</summary>
public sealed class KeyMutabilityDiagnosticTests
{
    private const string Types = """
        public sealed record Settable { public int Size { get; set; } }
        public sealed record WithField { public int Size; }
        public sealed record Frozen(int Size) { public readonly int Extra; public int Other { get; init; } }
        public sealed record Outer(string Name, Settable Inner);
        public readonly record struct Holder(int Id, Settable Inner);
        public record struct CopiedStruct { public int Size { get; set; } }
        public sealed record WithArray(int[] Values) { public int Size { get; set; } }

        """;

    [TestCase("Settable", "Settable", "its property 'Size' has a set accessor", "Size")]
    [TestCase("WithField", "WithField", "its field 'Size' is not readonly", "Size")]
    [TestCase("Outer", "Settable", "its property 'Size' has a set accessor", "Size")]
    [TestCase("Holder", "Settable", "its property 'Size' has a set accessor", "Size")]
    [TestCase("Settable?", "Settable", "its property 'Size' has a set accessor", "Size")]
    [TestCase("(int, Settable)", "Settable", "its property 'Size' has a set accessor", "Size")]
    public async Task A_key_record_with_settable_state_is_MEMO020_on_the_parameter(string type, string record, string why, string member)
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Warning, Types + $$"""
            public partial class Context : MemoContext
            {
                [Memoize] public partial int Area(int fine, {{type}} {|MEMO020:shape|});
                private int AreaCore(int fine, {{type}} shape) => 0;
            }
            """);

        Assert.That(run.Single.GetMessage(), Is.EqualTo(
            $"Parameter 'shape' of 'Context.Area' is kept in the cache key by reference, but '{record}' can be changed after the call ({why}); "
            + $"make '{member}' init-only ('init' or 'readonly'), mark the parameter [MemoIgnore] to leave it out of the key, "
            + $"or implement IMemoHashable on '{record}' so that the key holds its hash"));
        run.Generator.AssertCompiles();
    }

    [TestCase("Frozen")]
    [TestCase("CopiedStruct")]
    [TestCase("WithArray")]
    public async Task A_key_that_cannot_change_under_the_cache_is_not_reported(string type)
    {
        await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Warning, Types + $$"""
            public partial class Context : MemoContext
            {
                [Memoize] public partial int Area({{type}} shape);
                private int AreaCore({{type}} shape) => 0;
            }
            """);
    }

    [Test]
    public async Task An_ignored_parameter_is_not_reported()
    {
        await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Warning, Types + """
            public partial class Context : MemoContext
            {
                [Memoize] public partial int Area(int size, [MemoIgnore] Settable shape);
                private int AreaCore(int size, Settable shape) => 0;
            }
            """);
    }
}
