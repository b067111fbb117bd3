using System.Linq;
using MemoGen.GeneratorTests.Infrastructure;
using NUnit.Framework;

namespace MemoGen.GeneratorTests;

/// <summary>What the generator cannot implement it leaves alone: no broken code, and the valid methods still generate.</summary>
public sealed class InvalidInputTests
{
    [TestCaseSource(typeof(InvalidInputs), nameof(InvalidInputs.Cases))]
    public void A_method_that_cannot_be_generated_gets_no_code_and_the_rest_builds(string badMembers)
    {
        var source = InvalidInputs.Source(badMembers);

        var run = GeneratorTestHelper.Run(source);

        Assert.That(run.GeneratorDiagnostics, Is.Empty);
        Assert.That(run.Result.Results.Single().Exception, Is.Null);
        Assert.That(run.Files.Keys, Is.EqualTo(new[] { "Context.Square.g.cs" }));
        var generatedErrors = run.Errors.Where(e => e.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true);
        Assert.That(generatedErrors.Select(GeneratorRun.Describe), Is.Empty);
        var userErrors = run.Errors.Select(e => e.Id).Distinct();
        Assert.That(userErrors, Is.SubsetOf(new[] { "CS8795", "CS0111", "CS0756", "CS8796", "CS0501", "CS0103" }), "only the unimplemented partial is left for the user to see");
    }
}
