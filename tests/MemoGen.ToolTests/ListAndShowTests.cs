using System;
using System.Linq;
using System.Text.Json;
using MemoGen.ToolTests.Support;
using NUnit.Framework;

namespace MemoGen.ToolTests;

public sealed class ListAndShowTests
{
    [Test]
    public void ListJsonHasEveryFunctionWithItsEntriesBytesTimesAndCodeVersion()
    {
        using CacheFixture cache = new CacheFixture().WithEntries();

        ToolRun run = ToolRun.Of("list", cache.Root, "--json");

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement[] functions = [.. json.RootElement.EnumerateArray()];
        Assert.That(functions.Select(f => f.GetProperty("function").GetString()), Is.EqualTo(new[] { "ratio", "squares" }));
        JsonElement squares = functions[1];
        Assert.Multiple(() =>
        {
            Assert.That(squares.GetProperty("entries").GetInt32(), Is.EqualTo(2));
            Assert.That(squares.GetProperty("bytes").GetInt64(), Is.GreaterThan(2 * 4096));
            Assert.That(squares.GetProperty("codeVersions").GetArrayLength(), Is.EqualTo(1));
            Assert.That(squares.GetProperty("oldest").GetDateTime(), Is.LessThanOrEqualTo(squares.GetProperty("newest").GetDateTime()));
            Assert.That(squares.GetProperty("unreadable").GetInt32(), Is.Zero);
            Assert.That(functions[0].GetProperty("entries").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public void ListTableNamesTheFunctionsForPeople()
    {
        using CacheFixture cache = new CacheFixture().WithEntries();

        ToolRun run = ToolRun.Of("list", cache.Root);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Output, Does.Contain("squares").And.Contain("ratio").And.Contain("2 function(s)"));
    }

    [Test]
    public void ShowJsonDescribesEachCallWithItsMetadata()
    {
        using CacheFixture cache = new CacheFixture().WithEntries();

        ToolRun run = ToolRun.Of("show", cache.Root, "squares", "--json");

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement[] entries = [.. json.RootElement.EnumerateArray()];
        Assert.That(entries.Select(e => e.GetProperty("call").GetString()).Order(), Is.EqualTo(new[] { "squares(count=3)", "squares(count=5)" }));
        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => e.GetProperty("value").GetString()), Is.EquivalentTo(new[] { "double[3]", "double[5]" }));
            Assert.That(entries.All(e => e.GetProperty("format").GetString() == "raw"));
            Assert.That(entries.All(e => e.GetProperty("files").GetArrayLength() == 1));
            Assert.That(entries.All(e => e.GetProperty("keyHash").GetString()!.Length == 32));
        });
    }

    [Test]
    public void ShowWithAKeyHashPrefixShowsThatEntryOnly()
    {
        using CacheFixture cache = new CacheFixture().WithEntries();
        string hash = cache.Fresh().DivideMemo.KeyHash(1, 2).ToString();

        ToolRun json = ToolRun.Of("show", cache.Root, "ratio", hash[..8], "--json");
        ToolRun table = ToolRun.Of("show", cache.Root, "ratio", hash[..8]);

        Assert.That(json.ExitCode, Is.Zero, json.Error);
        using JsonDocument document = JsonDocument.Parse(json.Output);
        JsonElement entry = document.RootElement.EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("keyHash").GetString(), Is.EqualTo(hash));
            Assert.That(entry.GetProperty("call").GetString(), Is.EqualTo("ratio(a=1, b=2)"));
            Assert.That(entry.GetProperty("format").GetString(), Is.EqualTo("json"));
            Assert.That(table.Output, Does.Contain(hash).And.Contain("ratio(a=1, b=2)"));
        });
    }

    [Test]
    public void ShowOfAnUnknownFunctionOrKeyIsAnErrorWithNothingOnStandardOutput()
    {
        using CacheFixture cache = new CacheFixture().WithEntries();

        ToolRun function = ToolRun.Of("show", cache.Root, "cubes", "--json");
        ToolRun key = ToolRun.Of("show", cache.Root, "squares", "ffffffff", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(function.ExitCode, Is.Not.Zero);
            Assert.That(function.Error, Does.Contain("no function 'cubes'"));
            Assert.That(key.ExitCode, Is.Not.Zero);
            Assert.That(function.Output + key.Output, Is.Empty);
        });
    }
}
