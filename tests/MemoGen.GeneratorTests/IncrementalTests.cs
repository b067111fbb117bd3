using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using MemoGen.Generator;
using MemoGen.GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace MemoGen.GeneratorTests;

/// <summary>The pipeline caches: an edit that does not touch a memoized method regenerates nothing.</summary>
public sealed class IncrementalTests
{
    private const string Context = """
        using MemoGen;
        public partial class Context : MemoContext
        {
            [Memoize] public partial int Square(int x);
            private int SquareCore(int x) => x * x;

            [Memoize] public partial int Cube(int x);
            private int CubeCore(int x) => x * x * x;

            // Generic (MEMO015): gets a throwing stub.
            [Memoize] public partial T Pick<T>(T x) where T : class, System.IComparable<T>;
        }
        """;

    private const string Unrelated = "public static class Unrelated { public static int Answer() => 42; }";

    private static readonly string[] TrackedSteps = [TrackingNames.Methods, TrackingNames.ValidMethods, TrackingNames.Stubs, TrackingNames.HashWriters];

    [Test]
    public void Rerunning_on_the_same_compilation_caches_every_step()
    {
        var compilation = GeneratorTestHelper.CreateCompilation(Context, Unrelated);
        var driver = GeneratorTestHelper.CreateDriver().RunGenerators(compilation);

        var rerun = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        AssertAllCached(rerun);
    }

    [Test]
    public void An_unrelated_edit_regenerates_nothing()
    {
        var compilation = GeneratorTestHelper.CreateCompilation(Context, Unrelated);
        var driver = GeneratorTestHelper.CreateDriver().RunGenerators(compilation);

        var edited = Replace(compilation, 1, Unrelated.Replace("42", "43"));
        var rerun = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCached(rerun);
    }

    [Test]
    public void Editing_one_implementation_changes_only_that_methods_output()
    {
        var compilation = GeneratorTestHelper.CreateCompilation(Context, Unrelated);
        var driver = GeneratorTestHelper.CreateDriver().RunGenerators(compilation);
        var before = driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        var edited = Replace(compilation, 0, Context.Replace("x * x * x", "x * (x * x)"));
        var rerun = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var after = rerun.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

        var reasons = rerun.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.That(reasons, Has.Exactly(1).EqualTo(IncrementalStepRunReason.Modified));
        Assert.That(after["Context.Square.g.cs"], Is.EqualTo(before["Context.Square.g.cs"]));
        Assert.That(after["Context.Cube.g.cs"], Is.Not.EqualTo(before["Context.Cube.g.cs"]), "the code version changed");
    }

    [Test]
    public void Comments_and_layout_in_an_implementation_do_not_change_its_code_version()
    {
        var compilation = GeneratorTestHelper.CreateCompilation(Context, Unrelated);
        var driver = GeneratorTestHelper.CreateDriver().RunGenerators(compilation);

        var edited = Replace(compilation, 0, Context.Replace("x * x * x;", "x  *  x * x; // a comment"));
        var rerun = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.That(rerun.TrackedSteps[TrackingNames.ValidMethods].SelectMany(s => s.Outputs).Select(o => o.Reason),
            Is.All.EqualTo(IncrementalStepRunReason.Unchanged).Or.EqualTo(IncrementalStepRunReason.Cached));
    }

    [Test]
    public void No_step_output_holds_a_symbol_a_node_or_a_compilation()
    {
        var compilation = GeneratorTestHelper.CreateCompilation(Context, Unrelated);
        var result = GeneratorTestHelper.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            foreach (var (value, _) in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                AssertHoldsOnlyPlainData(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static void AssertAllCached(GeneratorRunResult result)
    {
        foreach (var step in TrackedSteps)
        {
            var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.That(reasons, Is.Not.Empty, step);
            Assert.That(reasons, Is.All.EqualTo(IncrementalStepRunReason.Cached).Or.EqualTo(IncrementalStepRunReason.Unchanged), step);
        }

        Assert.That(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason),
            Is.All.EqualTo(IncrementalStepRunReason.Cached));
    }

    private static Compilation Replace(Compilation compilation, int index, string source)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, GeneratorTestHelper.ParseOptions, old.FilePath));
    }

    private static void AssertHoldsOnlyPlainData(object? value, string step, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.That(value, Is.Not.InstanceOf<ISymbol>().And.Not.InstanceOf<SyntaxNode>().And.Not.InstanceOf<Compilation>().And.Not.InstanceOf<Location>(),
            $"step {step} holds a {value.GetType()}");
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertHoldsOnlyPlainData(item, step, seen);
            }
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertHoldsOnlyPlainData(field.GetValue(value), step, seen);
        }
    }
}
