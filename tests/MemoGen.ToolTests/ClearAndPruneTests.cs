using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using MemoGen.ToolTests.Support;
using NUnit.Framework;

namespace MemoGen.ToolTests;

public sealed class ClearAndPruneTests
{
    [Test]
    public void ClearOneFunctionLeavesTheOthers()
    {
        using CacheFixture cache = new CacheFixture().WithEntries();

        ToolRun run = ToolRun.Of("clear", cache.Root, "--function", "squares", "--json");

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement cleared = json.RootElement.EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(cleared.GetProperty("entries").GetInt64(), Is.EqualTo(2));
            Assert.That(cache.Files("squares", ".meta.json").Concat(cache.Files("squares", ".raw")), Is.Empty);
            Assert.That(cache.Files("ratio", ".meta.json"), Has.Count.EqualTo(1));
            Assert.That(cache.Fresh().SquaresMemo.IsCached(3), Is.False);
            Assert.That(cache.Fresh().DivideMemo.IsCached(1, 2), Is.True);
        });
    }

    [Test]
    public void ClearEverythingAndClearOfAnUnknownFunction()
    {
        using CacheFixture cache = new CacheFixture().WithEntries();

        ToolRun unknown = ToolRun.Of("clear", cache.Root, "--function", "cubes");
        Assert.That(unknown.ExitCode, Is.Not.Zero);
        Assert.That(cache.Files("squares", ".meta.json"), Has.Count.EqualTo(2), "an unknown function clears nothing");

        ToolRun all = ToolRun.Of("clear", cache.Root);

        Assert.That(all.ExitCode, Is.Zero, all.Error);
        Assert.That(cache.Files("squares", ".json").Concat(cache.Files("ratio", ".json")), Is.Empty);
    }

    [Test]
    public void PruneKeepsTheMostRecentlyUsedEntries()
    {
        using CacheFixture cache = new CacheFixture().WithEntries();
        Lab lab = cache.Fresh();
        DateTime now = DateTime.UtcNow;
        File.SetLastWriteTimeUtc(lab.SquaresMemo.EntryPath(3)!, now.AddDays(-3));
        File.SetLastWriteTimeUtc(lab.SquaresMemo.EntryPath(5)!, now.AddDays(-2));
        File.SetLastWriteTimeUtc(lab.DivideMemo.EntryPath(1, 2)!, now.AddDays(-1));

        ToolRun byCount = ToolRun.Of("prune", cache.Root, "--max-items", "2", "--json");

        Assert.That(byCount.ExitCode, Is.Zero, byCount.Error);
        using (JsonDocument json = JsonDocument.Parse(byCount.Output))
        {
            Assert.That(json.RootElement.GetProperty("removedEntries").GetInt64(), Is.EqualTo(1));
        }

        Assert.That(lab.SquaresMemo.IsCached(3), Is.False);
        Assert.That(lab.SquaresMemo.IsCached(5), Is.True);

        ToolRun byAge = ToolRun.Of("prune", cache.Root, "--max-age", "36h");

        Assert.That(byAge.ExitCode, Is.Zero, byAge.Error);
        Assert.That(byAge.Output, Does.Contain("removed 1 entries"));
        Assert.Multiple(() =>
        {
            Assert.That(cache.Fresh().SquaresMemo.IsCached(5), Is.False);
            Assert.That(cache.Fresh().DivideMemo.IsCached(1, 2), Is.True);
        });
    }

    [Test]
    public void PruneRejectsABadQuantityAndNoLimitAtAll()
    {
        using CacheFixture cache = new CacheFixture().WithEntries();

        ToolRun badAge = ToolRun.Of("prune", cache.Root, "--max-age", "7 weeks");
        ToolRun none = ToolRun.Of("prune", cache.Root);

        Assert.Multiple(() =>
        {
            Assert.That(badAge.ExitCode, Is.Not.Zero);
            Assert.That(badAge.Error, Does.Contain("7 weeks"));
            Assert.That(none.ExitCode, Is.Not.Zero);
            Assert.That(cache.Files("squares", ".meta.json"), Has.Count.EqualTo(2));
        });
    }
}
