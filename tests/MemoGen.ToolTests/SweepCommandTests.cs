using System.IO;
using System.Linq;
using System.Text.Json;
using MemoGen.ToolTests.Support;
using NUnit.Framework;

namespace MemoGen.ToolTests;

/// <summary><c>memogen sweep</c>: how much of a parameter space a cache written by real memoized calls holds.</summary>
public sealed class SweepCommandTests
{
    private const string RatioSpace = """
        { "function": "ratio", "dimensions": { "a": [1, 2], "b": { "start": 1, "stop": 3, "step": 1 } } }
        """;

    [Test]
    public void JsonCountsThePresentPointsAndListsTheMissingOnesThenExitsZeroOnceAllArePresent()
    {
        using CacheFixture cache = new();
        Lab lab = cache.Fresh();
        foreach ((int a, int b) in new[] { (1, 1), (1, 2), (1, 3), (2, 1), (2, 2) })
        {
            lab.Divide(a, b);
        }

        string space = WriteSpace(cache, RatioSpace);
        ToolRun run = ToolRun.Of("sweep", cache.Root, space, "--json");

        Assert.That(run.ExitCode, Is.EqualTo(3), run.Error);
        using (JsonDocument json = JsonDocument.Parse(run.Output))
        {
            JsonElement root = json.RootElement;
            Assert.That((root.GetProperty("points").GetInt64(), root.GetProperty("present").GetInt64(), root.GetProperty("missing").GetInt64()), Is.EqualTo((6L, 5L, 1L)));
            JsonElement missing = root.GetProperty("missingPoints").EnumerateArray().Single();
            Assert.That((missing.GetProperty("a").GetString(), missing.GetProperty("b").GetString()), Is.EqualTo(("2", "3")));
        }

        lab.Divide(2, 3);
        ToolRun complete = ToolRun.Of("sweep", cache.Root, space);
        Assert.That(complete.ExitCode, Is.Zero, complete.Error);
        Assert.That(complete.Output, Does.Contain("ratio over a × b: 6 of 6 points in the cache, 0 missing"));
    }

    [Test]
    public void AParameterTheSpaceLeavesOutMatchesAnyValueAndTheTableNamesTheMissingPoints()
    {
        using CacheFixture cache = new CacheFixture().WithEntries();
        string space = WriteSpace(cache, """{ "dimensions": { "a": [1, 9] } }""");

        ToolRun run = ToolRun.Of("sweep", cache.Root, space, "--function", "ratio");

        Assert.That(run.ExitCode, Is.EqualTo(3), run.Error);
        Assert.That(run.Output, Does.Contain("1 of 2 points in the cache, 1 missing").And.Contain("9"));
    }

    [Test]
    public void ASpaceWithoutAFunctionOrABadSpaceIsAUsageError()
    {
        using CacheFixture cache = new CacheFixture().WithEntries();

        ToolRun unnamed = ToolRun.Of("sweep", cache.Root, WriteSpace(cache, """{ "dimensions": { "a": 1 } }"""));
        ToolRun broken = ToolRun.Of("sweep", cache.Root, WriteSpace(cache, """{ "dimensions": { "a": [] } }"""), "--function", "ratio");
        ToolRun unknown = ToolRun.Of("sweep", cache.Root, WriteSpace(cache, RatioSpace), "--function", "nothing");

        Assert.That((unnamed.ExitCode, broken.ExitCode, unknown.ExitCode), Is.EqualTo((2, 2, 2)));
        Assert.That(unnamed.Error, Does.Contain("--function"));
        Assert.That(broken.Error, Does.Contain("no values"));
        Assert.That(unknown.Error, Does.Contain("no function 'nothing'"));
        Assert.That(unnamed.Output + broken.Output + unknown.Output, Is.Empty);
    }

    private static string WriteSpace(CacheFixture cache, string json)
    {
        string path = Path.Combine(cache.Parent, Path.GetRandomFileName() + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
