using System.Linq;
using MemoGen.GeneratorTests.Infrastructure;
using MemoGen.Shared;
using NUnit.Framework;

namespace MemoGen.GeneratorTests;

/// <summary>
/// The size of the generated code, which every build compiles (issue 13): for the build-cost shape, 300 methods over
/// <c>(int, string, record)</c>, at most 60 lines a method on average as the issue asks, shared record writers, keys and
/// handles included. Bounded at 30 since the methods share their handle (26.3 lines a method), so that the gain holds.
/// </summary>
public sealed class GeneratedSizeTests
{
    private const int MaxLinesPerMethod = 30;

    [Test]
    public void The_build_cost_shape_generates_at_most_30_lines_a_method()
    {
        const int Classes = 10, Methods = 30;
        var run = GeneratorTestHelper.RunAndCompile(BuildCostSources.Memoized(Classes, Methods));

        var lines = run.AllFiles.Values.Sum(text => text.Count(c => c == '\n'));
        var perMethod = (double)lines / (Classes * Methods);

        TestContext.Out.WriteLine($"{lines} generated lines, {perMethod:0.0} a method");
        Assert.That(perMethod, Is.AtMost(MaxLinesPerMethod));
    }
}
