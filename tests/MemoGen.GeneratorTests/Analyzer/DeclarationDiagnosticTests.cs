using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.Analyzer;

/// <summary>
/// Where the method is declared: MEMO004 (not partial), MEMO005 (already implemented), MEMO015 (generic),
/// MEMO016 (in an interface), each on the method's name.
/// </summary>
public sealed class DeclarationDiagnosticTests
{
    [Test]
    public async Task A_method_that_is_not_partial_is_MEMO004()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial class Context : MemoContext
            {
                [Memoize] public int {|MEMO004:Bad|}(int value);
                private int BadCore(int value) => value;
            }
            """);

        Assert.That(run.Single.GetMessage(), Is.EqualTo("The method 'Context.Bad' must be partial so that MemoGen can implement 'Context.Bad'; add the 'partial' modifier to it"));
    }

    [Test]
    public async Task Each_containing_type_that_is_not_partial_is_MEMO004_naming_it()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public class Outer
            {
                public record Middle
                {
                    public partial class Context : MemoContext
                    {
                        [Memoize] public partial int {|MEMO004,MEMO004:Bad|}(int value);
                        private int BadCore(int value) => value;
                    }
                }
            }
            """);

        Assert.That(run.Memo.Select(d => d.GetMessage()), Is.EquivalentTo(new[]
        {
            "The class 'Outer' must be partial so that MemoGen can implement 'Outer.Middle.Context.Bad'; add the 'partial' modifier to it",
            "The record 'Outer.Middle' must be partial so that MemoGen can implement 'Outer.Middle.Context.Bad'; add the 'partial' modifier to it",
        }));
        Assert.That(run.Memo.Select(d => AnalyzerRun.LocatedText(d) + "->" + d.AdditionalLocations.Single().SourceTree!.GetText().ToString(d.AdditionalLocations.Single().SourceSpan)),
            Is.EquivalentTo(new[] { "Bad->Outer", "Bad->Middle" }), "each points at the declaration to change");
    }

    [Test]
    public async Task A_partial_that_already_has_an_implementation_is_MEMO005()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial class Context : MemoContext
            {
                [Memoize] public partial int {|MEMO005:Bad|}(int value);
                public partial int Bad(int value) => value;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.Contain("move the body into 'BadCore'"));
        Assert.That(run.Single.AdditionalLocations.Single().GetLineSpan().StartLinePosition.Line, Is.EqualTo(9));
    }

    [Test]
    public async Task A_memoized_declaration_with_a_body_is_MEMO005_and_not_also_missing_its_Core()
    {
        await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial class Context : MemoContext
            {
                [Memoize] public partial int {|MEMO005:Bad|}(int value) => value;
            }
            """);
    }

    [Test]
    public async Task A_generic_method_is_MEMO015_and_nothing_else()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial class Context : MemoContext
            {
                [Memoize] public partial T {|MEMO015:Bad|}<T>(T value);
                private T BadCore<T>(T value) => value;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.Contain("put the type parameter on the containing type"));
    }

    [Test]
    public async Task A_method_in_an_interface_is_MEMO016()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial interface IThing
            {
                [Memoize] int {|MEMO016:Bad|}(MemoContext context, int value);
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.StartWith("'IThing.Bad' is declared in the interface 'IThing'"));
    }

    [Test]
    public async Task A_class_nested_in_an_interface_is_MEMO016_naming_the_interface()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial interface IThing
            {
                public partial class Context : MemoContext
                {
                    [Memoize] public partial int {|MEMO016:Bad|}(int value);
                    private int BadCore(int value) => value;
                }
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.Contain("the interface 'IThing'"));
    }

    [Test]
    public async Task A_method_in_a_file_local_type_is_MEMO016()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            file partial class Context : MemoContext
            {
                [Memoize] public partial int {|MEMO016:Bad|}(int value);
                private int BadCore(int value) => value;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.StartWith("'Context.Bad' is declared in the file-local type 'Context', which cannot hold the members MemoGen generates"));
    }

    [Test]
    public async Task A_memoized_local_function_or_lambda_is_MEMO016()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public static class Functions
            {
                public static int Use(int value)
                {
                    [Memoize] int {|MEMO016:Square|}(int x) => x * x;
                    Func<int, int> cube = {|MEMO016:[Memoize] (int x) => x * x * x|};
                    return Square(value) + cube(value);
                }
            }
            """);

        Assert.That(run.Memo[0].GetMessage(), Does.StartWith("'Square' is declared in the method 'Functions.Use' (it is a local function), which cannot hold the members MemoGen generates"));
        Assert.That(run.Memo[1].GetMessage(), Does.StartWith("'lambda' is declared in the method 'Functions.Use', which cannot hold the members MemoGen generates"));
    }
}
