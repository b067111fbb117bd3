using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.Analyzer;

/// <summary>Where results live: MEMO011 (no context), MEMO012 (<c>this</c> in the key but not hashable), on the method's name.</summary>
public sealed class ContextDiagnosticTests
{
    [Test]
    public async Task A_static_method_without_a_context_parameter_is_MEMO011()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public static partial class Functions
            {
                [Memoize] public static partial int {|MEMO011:Bad|}(int value);
                private static int BadCore(int value) => value;
            }
            """);

        Assert.That(run.Single.GetMessage(), Is.EqualTo("'Functions.Bad' has no MemoContext to keep its results in; make a MemoContext its first parameter, such as 'MemoContext context'"));
    }

    [Test]
    public async Task An_instance_method_outside_a_context_without_a_context_parameter_is_MEMO011()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public sealed partial record Plain(int Id)
            {
                [Memoize] public partial int {|MEMO011:Bad|}(int value, MemoContext context);
                private int BadCore(int value, MemoContext context) => value;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.EndWith("the context must be the first parameter: move 'context' to the front"));
    }

    [Test]
    public async Task An_instance_method_outside_a_context_with_no_context_at_all_is_MEMO011()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public sealed partial record Plain(int Id)
            {
                [Memoize] public partial int {|MEMO011:Bad|}(int value);
                private int BadCore(int value) => value;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.EndWith("derive 'Plain' from MemoContext, or make a MemoContext its first parameter"));
    }

    [Test]
    public async Task A_class_that_is_neither_a_record_nor_hashable_is_MEMO012_in_form_3()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial class Plain
            {
                [Memoize] public partial int {|MEMO012:Bad|}(MemoContext context, int value);
                private int BadCore(MemoContext context, int value) => value;
            }
            """);

        Assert.That(run.Single.GetMessage(), Is.EqualTo(
            "'this' is part of the key of 'Plain.Bad', but 'Plain' cannot be hashed; make 'Plain' a record of hashable members or implement IMemoHashable on it, or make 'Plain.Bad' static"));
    }

    [Test]
    public async Task A_record_with_an_unhashable_member_is_MEMO012_naming_the_member()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public sealed partial record Holder(string Name, Func<int> Callback)
            {
                [Memoize] public partial int {|MEMO012:Bad|}(MemoContext context, int value);
                private int BadCore(MemoContext context, int value) => value;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.Contain("'Holder' cannot be hashed because of its member 'Callback', as 'Func<int>' cannot be hashed"));
    }

    [Test]
    public async Task Records_and_hashable_classes_join_the_key_without_a_diagnostic()
    {
        await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public sealed partial record Telescope(string Site)
            {
                [Memoize] public partial int Fine(MemoContext context, int value);
                private int FineCore(MemoContext context, int value) => value;
            }

            public sealed partial class Hashable : IMemoHashable
            {
                public void WriteMemoHash(ref MemoHasher hasher) { }

                [Memoize] public partial int Other(MemoContext context, int value);
                private int OtherCore(MemoContext context, int value) => value;
            }
            """);
    }
}
