using System.IO;
using System.Linq;
using System.Text.Json;
using MemoGen.ToolTests.Support;
using NUnit.Framework;

namespace MemoGen.ToolTests;

public sealed class VerifyTests
{
    [Test]
    public void AWholeCacheVerifiesWithExitZero()
    {
        using CacheFixture cache = new CacheFixture().WithEntries();

        ToolRun run = ToolRun.Of("verify", cache.Root, "--json");

        Assert.That(run.ExitCode, Is.Zero, run.Output + run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Output);
        Assert.That(json.RootElement.GetProperty("checked").GetInt32(), Is.EqualTo(3));
        Assert.That(json.RootElement.GetProperty("bad").GetInt32(), Is.Zero);
    }

    [Test]
    public void AFlippedPayloadByteIsReportedAndExitsNonZeroUntilFixRemovesTheEntry()
    {
        using CacheFixture cache = new CacheFixture().WithEntries();
        string hash = cache.Fresh().SquaresMemo.KeyHash(5).ToString();
        string payload = cache.Files("squares", ".raw").Single(path => Path.GetFileName(path).StartsWith(hash, System.StringComparison.Ordinal));
        byte[] bytes = File.ReadAllBytes(payload);
        bytes[4096 + 9] ^= 0x40;
        File.WriteAllBytes(payload, bytes);

        ToolRun check = ToolRun.Of("verify", cache.Root, "--json");
        ToolRun fix = ToolRun.Of("verify", cache.Root, "--fix");
        ToolRun after = ToolRun.Of("verify", cache.Root);

        Assert.That(check.ExitCode, Is.EqualTo(1));
        using JsonDocument json = JsonDocument.Parse(check.Output);
        JsonElement bad = json.RootElement.GetProperty("badEntries").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(bad.GetProperty("keyHash").GetString(), Is.EqualTo(hash));
            Assert.That(bad.GetProperty("problem").GetString(), Does.Contain("checksum"));
            Assert.That(fix.ExitCode, Is.Zero, fix.Output);
            Assert.That(fix.Output, Does.Contain("1 bad, 1 removed"));
            Assert.That(File.Exists(payload), Is.False);
            Assert.That(cache.Files("squares", ".meta.json"), Has.Count.EqualTo(1));
            Assert.That(after.ExitCode, Is.Zero, after.Output);
            Assert.That(after.Output, Does.Contain("2 entries checked, 0 bad"));
        });
    }

    [Test]
    public void TruncatedPayloadAndBrokenMetadataAreBothReported()
    {
        using CacheFixture cache = new CacheFixture().WithEntries();
        string payload = cache.Files("squares", ".raw")[0];
        using (var stream = new FileStream(payload, FileMode.Open))
        {
            stream.SetLength(stream.Length - 8);
        }

        string metadata = cache.Files("ratio", ".meta.json").Single();
        File.WriteAllText(metadata, File.ReadAllText(metadata).Replace("\"Value\": 0.5", "\"Value\": 0.7", System.StringComparison.Ordinal));

        ToolRun run = ToolRun.Of("verify", cache.Root, "--json");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        using JsonDocument json = JsonDocument.Parse(run.Output);
        string[] problems = [.. json.RootElement.GetProperty("badEntries").EnumerateArray().Select(e => e.GetProperty("problem").GetString()!)];
        Assert.That(problems, Has.Length.EqualTo(2));
        Assert.That(problems, Has.Some.Contains("bytes, not"));
        Assert.That(problems, Has.Some.Contains("inline payload's checksum"));
    }
}
