using System.Linq;
using System.Threading.Tasks;
using MemoGen.GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.Analyzer;

/// <summary>
/// For every method the generator skips (<see cref="InvalidInputs"/>), the analyzer says why: the user never sees an
/// unimplemented partial method (CS8795) without a MemoGen error on it.
/// </summary>
public sealed class InvalidInputCoverageTests
{
    [TestCaseSource(typeof(InvalidInputs), nameof(InvalidInputs.Cases))]
    public async Task A_method_the_generator_skips_has_a_MemoGen_error_on_it(string badMembers)
    {
        var run = await AnalyzerTestHelper.RunAsync(InvalidInputs.Source(badMembers));

        Assert.That(run.AnalyzerExceptions, Is.Empty);
        var tree = run.Generator.Input.SyntaxTrees.Single();
        var bad = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Single(m => m.Identifier.ValueText == InvalidInputs.BadMethod && m.AttributeLists.Count > 0);
        var errorsOnBad = run.Memo.Where(d => d.Severity == DiagnosticSeverity.Error && bad.Span.Contains(d.Location.SourceSpan)).ToList();
        Assert.That(errorsOnBad, Is.Not.Empty, run.Describe());
        Assert.That(run.Memo.Where(d => !bad.Span.Contains(d.Location.SourceSpan)).Select(GeneratorRun.Describe), Is.Empty, "the valid method beside it is not blamed");

        foreach (var unimplemented in run.Diagnostics.Where(d => d.Id == "CS8795"))
        {
            var method = tree.GetRoot().FindNode(unimplemented.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>();
            Assert.That(run.Memo.Any(d => d.Severity == DiagnosticSeverity.Error && method!.Span.Contains(d.Location.SourceSpan)), Is.True,
                $"CS8795 without a MemoGen error: {GeneratorRun.Describe(unimplemented)}");
        }
    }
}
