using System.Collections.Generic;
using System.Linq;
using MemoGen.Generator;
using MemoGen.GeneratorTests.Infrastructure;
using MemoGen.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace MemoGen.GeneratorTests;

/// <summary>
/// What the IDE pays for an edit in a project of 300 memoized methods (10 files of 30): only the edited method's file is
/// regenerated. (The parser's transform still runs again for every method, with an unchanged result: each transform
/// reads the compilation, which every edit replaces.)
/// </summary>
public sealed class IncrementalEditTests
{
    private const int Classes = 10;
    private const int Methods = 30;
    private const int EditedClass = 3;

    [Test]
    public void Editing_one_body_among_300_methods_regenerates_only_its_file()
    {
        var (before, after, result) = Edit(BuildCostSources.MemoizedClass(EditedClass, Methods, editedMethod: 7));

        AssertOneMethod(result, IncrementalStepRunReason.Modified);
        AssertOnlyOutput(result, IncrementalStepRunReason.Modified);
        Assert.That(Changed(before, after), Is.EqualTo(new[] { "BuildCost.Context3.Method7.g.cs" }));
    }

    [Test]
    public void Adding_a_memoized_method_generates_only_its_file()
    {
        var (before, after, result) = Edit(BuildCostSources.MemoizedClass(EditedClass, Methods, extraMethods: 1));

        AssertOneMethod(result, IncrementalStepRunReason.New);
        AssertOnlyOutput(result, IncrementalStepRunReason.New);
        Assert.That(after.Keys.Except(before.Keys), Is.EqualTo(new[] { "BuildCost.Context3.Method30.g.cs" }));
        Assert.That(Changed(before, after), Is.Empty);
    }

    [Test]
    public void Removing_a_memoized_method_removes_only_its_file()
    {
        var (before, after, result) = Edit(BuildCostSources.MemoizedClass(EditedClass, Methods - 1));

        AssertOneMethod(result, IncrementalStepRunReason.Removed);
        AssertOnlyOutput(result, IncrementalStepRunReason.Removed);
        Assert.That(before.Keys.Except(after.Keys), Is.EqualTo(new[] { "BuildCost.Context3.Method29.g.cs" }));
        Assert.That(Changed(before, after), Is.Empty);
    }

    /// <summary>Runs the generator on the 300 methods, replaces the edited class's file, and runs it again.</summary>
    private static (Dictionary<string, string> Before, Dictionary<string, string> After, GeneratorRunResult Result) Edit(string editedClass)
    {
        var compilation = GeneratorTestHelper.CreateCompilation(BuildCostSources.Memoized(Classes, Methods));
        var driver = GeneratorTestHelper.CreateDriver().RunGenerators(compilation);
        var before = Files(driver.GetRunResult().Results.Single());

        var old = compilation.SyntaxTrees.ElementAt(EditedClass + 1);
        var edited = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(editedClass, GeneratorTestHelper.ParseOptions, old.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.That(before, Has.Count.EqualTo(Classes * Methods + 3), "a file per method, the shared record writers, the shared key and the shared handle");
        return (before, Files(result), result);
    }

    /// <summary>
    /// Asserts that the models of the memoized methods changed for one method only, in the way <paramref name="expected"/>
    /// says, and that the shared record writers, keys and handles were left as they were.
    /// </summary>
    private static void AssertOneMethod(GeneratorRunResult result, IncrementalStepRunReason expected)
    {
        var reasons = Reasons(result, TrackingNames.ValidMethods);
        Assert.That(reasons, Has.Exactly(1).EqualTo(expected));
        Assert.That(reasons.Where(r => r != expected), Is.All.EqualTo(IncrementalStepRunReason.Unchanged).Or.EqualTo(IncrementalStepRunReason.Cached));
        Assert.That(reasons, Has.Count.EqualTo(Classes * Methods + (expected == IncrementalStepRunReason.New ? 1 : 0)));
        Assert.That(Reasons(result, TrackingNames.HashWriters), Is.All.EqualTo(IncrementalStepRunReason.Unchanged).Or.EqualTo(IncrementalStepRunReason.Cached));
        Assert.That(Reasons(result, TrackingNames.SharedKeys), Is.All.EqualTo(IncrementalStepRunReason.Unchanged).Or.EqualTo(IncrementalStepRunReason.Cached));
        Assert.That(Reasons(result, TrackingNames.SharedHandles), Is.All.EqualTo(IncrementalStepRunReason.Unchanged).Or.EqualTo(IncrementalStepRunReason.Cached));
    }

    /// <summary>Asserts that exactly one generated file changed, in the way <paramref name="expected"/> says, and every other was cached.</summary>
    private static void AssertOnlyOutput(GeneratorRunResult result, IncrementalStepRunReason expected)
    {
        var reasons = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.That(reasons, Has.Exactly(1).EqualTo(expected));
        Assert.That(reasons.Where(r => r != expected), Is.All.EqualTo(IncrementalStepRunReason.Cached));
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    private static Dictionary<string, string> Files(GeneratorRunResult result) =>
        result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    private static string[] Changed(Dictionary<string, string> before, Dictionary<string, string> after) =>
        before.Keys.Intersect(after.Keys).Where(hint => before[hint] != after[hint]).ToArray();
}
