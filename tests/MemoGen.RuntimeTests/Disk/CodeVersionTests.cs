using System.IO;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Disk.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Disk;

/// <summary>An entry written by other code is a miss, and is overwritten.</summary>
public sealed class CodeVersionTests
{
    [Test]
    public void An_entry_of_another_code_version_is_a_miss_and_is_overwritten()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var before = new MemoFunction<NumberKey, int[]>("f", "version-1", [MemoTags.Disk]);
        var after = new MemoFunction<NumberKey, int[]>("f", "version-2", [MemoTags.Disk]);
        DiskTables.Get(DiskTables.Fresh(before, options), 1, new Counted<int[]>(_ => [1]));

        var changed = new Counted<int[]>(_ => [2]);
        var table = DiskTables.Fresh(after, options);
        Assert.That(DiskTables.Get(table, 1, changed), Is.EqualTo(new[] { 2 }));
        Assert.That(changed.Calls, Is.EqualTo(1));
        Assert.That(File.ReadAllText(table.EntryPath(new NumberKey(1))!), Does.Contain("\"codeVersion\": \"version-2\""));

        var reloaded = new Counted<int[]>(_ => [3]);
        Assert.That(DiskTables.Get(DiskTables.Fresh(after, options), 1, reloaded), Is.EqualTo(new[] { 2 }));
        Assert.That(reloaded.Calls, Is.Zero, "the new code's entry replaced the old one");
        Assert.That(Directory.GetFiles(store.Root, "*.raw", SearchOption.AllDirectories), Has.Length.EqualTo(1), "the old payload is gone");
    }

    [Test]
    public void Going_back_to_the_old_code_is_a_miss_too()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var oldCode = new MemoFunction<NumberKey, string>("g", "old", [MemoTags.Disk]);
        var newCode = new MemoFunction<NumberKey, string>("g", "new", [MemoTags.Disk]);
        DiskTables.Get(DiskTables.Fresh(oldCode, options), 1, new Counted<string>(_ => "old"));
        DiskTables.Get(DiskTables.Fresh(newCode, options), 1, new Counted<string>(_ => "new"));

        var back = new Counted<string>(_ => "old again");
        Assert.That(DiskTables.Get(DiskTables.Fresh(oldCode, options), 1, back), Is.EqualTo("old again"));
        Assert.That(back.Calls, Is.EqualTo(1));
    }

    [Test]
    public void An_entry_of_another_result_type_under_the_same_name_is_a_miss()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        DiskTables.Get(DiskTables.Fresh(new MemoFunction<NumberKey, int[]>("h", "v", [MemoTags.Disk]), options), 1, new Counted<int[]>(_ => [1]));

        var other = new Counted<long[]>(_ => [5L]);
        Assert.That(DiskTables.Get(DiskTables.Fresh(new MemoFunction<NumberKey, long[]>("h", "v", [MemoTags.Disk]), options), 1, other), Is.EqualTo(new[] { 5L }));
        Assert.That(other.Calls, Is.EqualTo(1));
    }
}
