using System.Linq;
using MemoGen.GeneratorTests.Infrastructure;
using NUnit.Framework;

namespace MemoGen.GeneratorTests;

/// <summary>
/// What the generator cannot implement gets no broken code: a throwing stub when its declaration can be completed
/// (so the compiler goes on to run the analyzer, whose MEMO error is what the user reads), nothing otherwise; the
/// valid method beside it still generates.
/// </summary>
public sealed class InvalidInputTests
{
    private const string ValidFile = "Context.Square.g.cs";
    private const string StubFile = "Context.Bad.g.cs";

    /// <summary>Declarations a stub cannot complete: the compiler's own error (not CS8795) names the problem.</summary>
    private static readonly string[] Unstubbable = ["Already implemented"];

    [TestCaseSource(typeof(InvalidInputs), nameof(InvalidInputs.Cases))]
    public void A_method_that_cannot_be_generated_gets_no_broken_code_and_the_rest_builds(string badMembers)
    {
        var stubbed = !Unstubbable.Contains(TestContext.CurrentContext.Test.Name);

        var run = GeneratorTestHelper.Run(InvalidInputs.Source(badMembers));

        Assert.That(run.GeneratorDiagnostics, Is.Empty);
        Assert.That(run.Result.Results.Single().Exception, Is.Null);
        Assert.That(run.Files.Keys.Order(), Is.EqualTo(stubbed ? new[] { StubFile, ValidFile } : new[] { ValidFile }));
        var generatedErrors = run.Errors.Where(e => e.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true);
        Assert.That(generatedErrors.Select(GeneratorRun.Describe), Is.Empty);
        Assert.That(run.GeneratedWarnings.Select(GeneratorRun.Describe), Is.Empty);
        if (stubbed)
        {
            Assert.That(run.Files[StubFile], Does.Contain("=>\n        throw new global::System.InvalidOperationException(\"MemoGen could not implement Context.Bad"));
            Assert.That(run.Errors.Select(GeneratorRun.Describe), Is.Empty, "with the stub in place, only the analyzer's MEMO error remains");
        }
        else
        {
            Assert.That(run.Errors.Select(e => e.Id).Distinct(), Is.SubsetOf(new[] { "CS8795", "CS0111", "CS0756", "CS8796", "CS0501", "CS0103" }));
        }
    }
}
