using System.IO;
using System.Linq;
using MemoGen.ToolTests.Support;
using NUnit.Framework;

namespace MemoGen.ToolTests;

public sealed class FolderSafetyTests
{
    private static readonly string[][] s_everyCommand =
    [
        ["list"], ["list", "--json"], ["show", "squares"], ["verify"], ["verify", "--fix"], ["clear"], ["prune", "--max-items", "0"],
    ];

    [Test]
    public void AMissingFolderIsAClearErrorForEveryCommand()
    {
        using var cache = new CacheFixture();
        string missing = Path.Combine(cache.Parent, "nowhere");

        foreach (string[] command in s_everyCommand)
        {
            ToolRun run = ToolRun.Of([command[0], missing, .. command[1..]]);

            Assert.That(run.ExitCode, Is.Not.Zero, string.Join(' ', command));
            Assert.That(run.Error, Does.Contain("does not exist"), string.Join(' ', command));
            Assert.That(run.Output, Is.Empty, string.Join(' ', command));
        }

        Assert.That(Directory.Exists(missing), Is.False);
    }

    [Test]
    public void AFolderThatIsNotACacheIsAnErrorAndIsNotTouched()
    {
        using var cache = new CacheFixture();
        string project = Path.Combine(cache.Parent, "project");
        Directory.CreateDirectory(Path.Combine(project, "src", "ab"));
        File.WriteAllText(Path.Combine(project, "src", "Program.cs"), "class P {}");
        File.WriteAllText(Path.Combine(project, "src", "ab", new string('a', 32) + ".meta.json"), "{}");
        string empty = Path.Combine(cache.Parent, "empty");
        Directory.CreateDirectory(empty);

        foreach (string folder in (string[])[project, empty])
        {
            foreach (string[] command in s_everyCommand)
            {
                ToolRun run = ToolRun.Of([command[0], folder, .. command[1..]]);

                Assert.That(run.ExitCode, Is.Not.Zero, string.Join(' ', command));
                Assert.That(run.Error, Does.Contain("is not a MemoGen cache"), string.Join(' ', command));
            }
        }

        Assert.That(Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories).Count(), Is.EqualTo(2));
    }

    [Test]
    public void LinksInsideTheCacheNeverLeadOutsideIt()
    {
        using CacheFixture cache = new CacheFixture().WithEntries();
        string outside = Path.Combine(cache.Parent, "outside");
        string hash = new('c', 32);
        string outsideFunction = Path.Combine(outside, "stolen");
        Directory.CreateDirectory(Path.Combine(outsideFunction, "cc"));
        string secret = Path.Combine(outside, "secret.txt");
        File.WriteAllText(secret, "not yours");
        string outsideEntry = Path.Combine(outsideFunction, "cc", hash + ".meta.json");
        File.WriteAllText(outsideEntry, "{}");

        // A linked function folder, a linked fan-out folder, and a linked metadata and payload file.
        Directory.CreateSymbolicLink(Path.Combine(cache.Root, "stolen"), outsideFunction);
        Directory.CreateSymbolicLink(Path.Combine(cache.Root, "squares", "cc"), Path.Combine(outsideFunction, "cc"));
        string fanOut = Path.GetDirectoryName(cache.Files("squares", ".meta.json")[0])!;
        string linkedMetadata = Path.Combine(fanOut, hash + ".meta.json");
        File.CreateSymbolicLink(linkedMetadata, secret);
        File.CreateSymbolicLink(Path.Combine(fanOut, hash + ".0123456789abcdef.raw"), secret);

        ToolRun list = ToolRun.Of("list", cache.Root, "--json");
        ToolRun show = ToolRun.Of("show", cache.Root, "squares", "--json");
        ToolRun verify = ToolRun.Of("verify", cache.Root, "--json");

        Assert.That(list.ExitCode, Is.Zero, list.Error);
        Assert.That(list.Output, Does.Not.Contain("stolen"));
        Assert.That(show.Output, Does.Not.Contain("not yours"));
        Assert.That(verify.ExitCode, Is.EqualTo(1), "the linked metadata is a bad entry");
        Assert.That(verify.Output, Does.Contain("symbolic link").And.Contain(hash));

        ToolRun fix = ToolRun.Of("verify", cache.Root, "--fix");
        Assert.That(fix.ExitCode, Is.Zero, fix.Output);
        Assert.That(File.Exists(linkedMetadata) || new FileInfo(linkedMetadata).LinkTarget is not null, Is.False, "--fix removes the link itself");

        File.CreateSymbolicLink(linkedMetadata, secret);
        Assert.That(ToolRun.Of("prune", cache.Root, "--max-items", "0").ExitCode, Is.Zero);
        Assert.That(ToolRun.Of("clear", cache.Root).ExitCode, Is.Zero);

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(secret), Is.EqualTo("not yours"));
            Assert.That(File.ReadAllText(outsideEntry), Is.EqualTo("{}"));
            Assert.That(cache.Files("squares", ".raw"), Is.Empty, "the cache's own entries were cleared");
        });
    }
}
