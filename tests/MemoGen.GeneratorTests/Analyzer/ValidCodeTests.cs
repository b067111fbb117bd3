using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.Analyzer;

/// <summary>Code the generator implements draws no MemoGen diagnostic.</summary>
public sealed class ValidCodeTests
{
    [TestCase(nameof(Sources.ContextIsThis), Sources.ContextIsThis)]
    [TestCase(nameof(Sources.StaticWithContext), Sources.StaticWithContext)]
    [TestCase(nameof(Sources.InstanceWithContext), Sources.InstanceWithContext)]
    [TestCase(nameof(Sources.NestedGeneric), Sources.NestedGeneric)]
    public async Task A_valid_source_has_no_MemoGen_diagnostic(string name, string source)
    {
        var run = await AnalyzerTestHelper.RunAsync(source);

        Assert.That(run.AnalyzerExceptions, Is.Empty);
        Assert.That(run.Diagnostics, Has.None.Matches<Diagnostic>(d => d.Severity == DiagnosticSeverity.Error), run.Describe());
        Assert.That(run.Memo, Is.Empty, run.Describe());
    }

    [Test]
    public async Task All_valid_sources_together_have_no_MemoGen_diagnostic()
    {
        var run = await AnalyzerTestHelper.RunAsync(Sources.ContextIsThis, Sources.StaticWithContext, Sources.InstanceWithContext, Sources.NestedGeneric);

        Assert.That(run.AnalyzerExceptions, Is.Empty);
        Assert.That(run.Memo, Is.Empty, run.Describe());
    }
}
