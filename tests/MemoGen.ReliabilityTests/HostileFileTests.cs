using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using MemoGen.Hashing;
using MemoGen.ReliabilityTests.Subjects;
using MemoGen.ReliabilityTests.Support;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using MemoGen.TestSupport;

namespace MemoGen.ReliabilityTests;

/// <summary>
/// A cache folder seeded with hostile and foreign files: every value is still right, each bad entry is removed with a
/// warning, nothing outside the folder is opened, followed or deleted, and no declared length drives an allocation.
/// </summary>
public sealed class HostileFileTests
{
    private TempFolder _folder = null!;
    private TempFolder _outside = null!;
    private ListLogger _log = null!;
    private string _sentinel = "";

    [SetUp]
    public void CreateFolders()
    {
        _folder = new TempFolder("hostile");
        _outside = new TempFolder("outside");
        _sentinel = Path.Combine(_outside.Root, "secret");
        File.WriteAllText(_sentinel, "not a cache file");
        _log = new ListLogger { MinimumLevel = LogLevel.Warning };
    }

    [TearDown]
    public void DeleteFolders()
    {
        _folder.Dispose();
        _outside.Dispose();
        _log.Dispose();
    }

    [Test]
    public void Random_bytes_and_truncated_files_are_removed_with_a_log_line()
    {
        Seed(6);
        var random = new Random(5);
        File.WriteAllBytes(Metadata("rel_medium", 0), RandomBytes(random, 500));
        File.WriteAllBytes(Metadata("rel_medium", 1), []);
        Truncate(Metadata("rel_medium", 2), 0.5);
        File.WriteAllBytes(Payload(3), RandomBytes(random, (int)new FileInfo(Payload(3)).Length));
        Truncate(Payload(4), 4096.0 / new FileInfo(Payload(4)).Length);
        Truncate(Payload(5), 100.0 / new FileInfo(Payload(5)).Length);
        File.WriteAllBytes(Metadata("rel_small", 0), RandomBytes(random, 3000));
        Truncate(Metadata("rel_small", 1), 0.3);
        File.WriteAllBytes(Path.Combine(_folder.Root, "random.bin"), RandomBytes(random, 1000));
        File.WriteAllBytes(Path.Combine(_folder.Root, "rel_medium", "junk.meta.json"), RandomBytes(random, 1000));

        AssertAllRightAfterwards(6, badEntries: 8);
    }

    [Test]
    public void Entries_from_a_future_format_version_are_removed_with_a_log_line()
    {
        Seed(2);
        Replace(Metadata("rel_medium", 0), "\"entryFormat\": 1", "\"entryFormat\": 99");
        Replace(Metadata("rel_small", 0), "\"entryFormat\": 1", "\"entryFormat\": 99");
        RewriteHeader(Payload(1), page => BinaryPrimitives.WriteUInt16LittleEndian(page[8..], 2));

        AssertAllRightAfterwards(2, badEntries: 3);
    }

    [Test]
    public void Huge_declared_lengths_allocate_nothing_of_that_size()
    {
        Seed(5);
        Replace(Metadata("rel_medium", 0), $"\"bytes\": {new FileInfo(Payload(0)).Length}", "\"bytes\": 999999999999");
        RewriteHeader(Payload(1), page =>
        {
            BinaryPrimitives.WriteInt64LittleEndian(page[72..], int.MaxValue);
            BinaryPrimitives.WriteUInt64LittleEndian(page[32..], int.MaxValue);
            BinaryPrimitives.WriteUInt64LittleEndian(page[40..], (ulong)int.MaxValue * 8);
        });
        File.WriteAllBytes(Metadata("rel_medium", 2), Encoding.UTF8.GetBytes("{\"entryFormat\": 1, \"pad\": \"" + new string('x', 3 << 20) + "\"}"));
        RewriteHeader(Payload(3), page =>
        {
            // 2^59 longs, 2^62 bytes: consistent with each other, absurd for the file.
            BinaryPrimitives.WriteUInt64LittleEndian(page[32..], 1UL << 59);
            BinaryPrimitives.WriteUInt64LittleEndian(page[40..], 1UL << 62);
        });
        RewriteHeader(Payload(4), page =>
        {
            // Rank 3, each dimension int.MaxValue: the element count overflows a long.
            page[17] = 3;
            for (int i = 0; i < 3; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(page[(72 + (8 * i))..], int.MaxValue);
                BinaryPrimitives.WriteInt64LittleEndian(page[(96 + (8 * i))..], 0);
            }
        });

        long before = GC.GetTotalAllocatedBytes(precise: true);
        AssertAllRightAfterwards(5, badEntries: 5);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.That(allocated, Is.LessThan(64L << 20), "a few recomputed 2 MiB arrays, nothing of a declared 16 GiB or a 3 MiB metadata file");
    }

    [Test]
    public void Metadata_with_path_like_names_touches_nothing_outside_the_folder()
    {
        Seed(4);
        string outsideRelative = Path.GetRelativePath(Path.GetDirectoryName(Metadata("rel_medium", 0))!, _sentinel);
        Replace(Metadata("rel_medium", 0), Path.GetFileName(Payload(0)), outsideRelative);
        Replace(Metadata("rel_medium", 1), Path.GetFileName(Payload(1)), _sentinel);
        Replace(Metadata("rel_medium", 2), Path.GetFileName(Payload(2)), Path.GetFileName(Payload(2))[..33] + "0123456789abcdef/../../../x.raw");
        Replace(Metadata("rel_medium", 3), "\"resultType\": \"System.ReadOnlyMemory\\u00601[System.Int64]\"", "\"resultType\": \"System.Diagnostics.Process\"");

        AssertAllRightAfterwards(4, badEntries: 3);
    }

    [Test]
    public void Symbolic_links_to_outside_the_folder_are_never_followed()
    {
        Seed(3);
        string payload0 = Payload(0), payload1 = Payload(1);
        string outsidePayload = Path.Combine(_outside.Root, "payload");
        File.Copy(payload0, outsidePayload);
        File.Delete(payload0);
        File.CreateSymbolicLink(payload0, outsidePayload);
        File.Delete(payload1);
        File.CreateSymbolicLink(payload1, _sentinel);
        string outsideMetadata = Path.Combine(_outside.Root, "meta");
        File.Copy(Metadata("rel_small", 0), outsideMetadata);
        File.Delete(Metadata("rel_small", 0));
        File.CreateSymbolicLink(Metadata("rel_small", 0), outsideMetadata);

        // A fan-out folder that is a link to an outside folder holding old files named like an orphaned payload.
        string outsideFolder = Directory.CreateDirectory(Path.Combine(_outside.Root, "folder")).FullName;
        string orphan = Path.Combine(outsideFolder, new string('f', 32) + ".0123456789abcdef.raw");
        File.WriteAllText(orphan, "old");
        File.SetLastWriteTimeUtc(orphan, DateTime.UtcNow.AddDays(-30));
        Directory.CreateSymbolicLink(Path.Combine(_folder.Root, "rel_medium", "ff"), outsideFolder);

        AssertAllRightAfterwards(3, badEntries: 3);
        var faults = new FaultyFileSystem();
        var lab = new Lab(new MemoOptions { CacheDirectory = _folder.Root, FileSystem = faults, OrphanGracePeriod = TimeSpan.Zero, DiskLimits = new DiskLimits(MaxEntries: 1) });
        lab.PruneDisk();
        lab.Clear("rel_medium");
        AssertNothingOutsideTouched(faults);
        Assert.That(File.ReadAllText(orphan), Is.EqualTo("old"));
        Assert.That(File.Exists(outsidePayload) && File.Exists(outsideMetadata), Is.True);
    }

    private FaultyFileSystem? _readerSeam;

    /// <summary>A reader gets every value right, logs one warning per bad entry, touches nothing outside; a second reader loads everything.</summary>
    private void AssertAllRightAfterwards(int keys, int? badEntries)
    {
        _readerSeam = new FaultyFileSystem();
        var reader = new Lab(new MemoOptions { CacheDirectory = _folder.Root, FileSystem = _readerSeam, LoggerFactory = _log });
        for (int key = 0; key < keys; key++)
        {
            Assert.That(Workload.Mismatch(key, reader.Medium(key).Span, Lab.MediumLength), Is.Null);
            Assert.That(reader.Small(key), Is.EqualTo(Workload.Small(key)));
        }

        string[] warnings = _log.Messages(LogLevel.Warning).ToArray();
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, warnings));
        if (badEntries is { } expected)
        {
            Assert.That(warnings, Has.Length.EqualTo(expected).And.All.Contain("removed the bad cache entry"));
        }

        AssertNothingOutsideTouched(_readerSeam);
        var again = new Lab(new MemoOptions { CacheDirectory = _folder.Root });
        for (int key = 0; key < keys; key++)
        {
            Assert.That(Workload.Mismatch(key, again.Medium(key).Span, Lab.MediumLength), Is.Null);
            Assert.That(again.Small(key), Is.EqualTo(Workload.Small(key)));
        }

        Assert.That(again.Computations, Is.Zero, "the bad entries were replaced by good ones");
    }

    private void AssertNothingOutsideTouched(FaultyFileSystem seam)
    {
        Assert.That(File.ReadAllText(_sentinel), Is.EqualTo("not a cache file"));
        foreach (string path in seam.Attempted.Concat(seam.Deleted))
        {
            Assert.That(Path.GetFullPath(path), Does.StartWith(_folder.Root + Path.DirectorySeparatorChar), $"{path} is inside the folder");
        }

        foreach (string path in seam.Opened)
        {
            Assert.That(ThroughLink(path), Is.False, $"{path} was opened through a symbolic link");
        }
    }

    /// <summary>Whether <paramref name="path"/> or a folder on the way to it inside the cache folder is a symbolic link.</summary>
    private bool ThroughLink(string path)
    {
        for (string? at = Path.GetFullPath(path); at is not null && at.Length > _folder.Root.Length; at = Path.GetDirectoryName(at))
        {
            if (new FileInfo(at).LinkTarget is not null)
            {
                return true;
            }
        }

        return false;
    }

    private void Seed(int keys)
    {
        var lab = new Lab(new MemoOptions { CacheDirectory = _folder.Root });
        for (int key = 0; key < keys; key++)
        {
            lab.Medium(key);
            lab.Small(key);
        }
    }

    private string Metadata(string function, int key)
    {
        var lab = new Lab(new MemoOptions());
        string hash = (function == "rel_small" ? lab.SmallMemo.KeyHash(key) : lab.MediumMemo.KeyHash(key)).ToString();
        return Path.Combine(_folder.Root, function, hash[..2], hash + ".meta.json");
    }

    private string Payload(int key)
    {
        string metadata = Metadata("rel_medium", key);
        string hash = Path.GetFileName(metadata)[..32];
        return Directory.GetFiles(Path.GetDirectoryName(metadata)!, hash + ".*.raw").Single();
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static void Truncate(string path, double fraction)
    {
        using var file = new FileStream(path, FileMode.Open);
        file.SetLength((long)(file.Length * fraction));
    }

    private static void Replace(string path, string from, string to)
    {
        string text = File.ReadAllText(path);
        Assert.That(text, Does.Contain(from), path);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>Edits a raw payload's header and signs it again with its checksum, so only the edit is wrong.</summary>
    private static void RewriteHeader(string path, SpanAction edit)
    {
        byte[] file = File.ReadAllBytes(path);
        Span<byte> page = file.AsSpan(0, 4096);
        edit(page);
        int checksumAt = 72 + (16 * page[17]);
        BinaryPrimitives.WriteUInt64LittleEndian(page[checksumAt..], System.IO.Hashing.XxHash64.HashToUInt64(page[..checksumAt]));
        File.WriteAllBytes(path, file);
    }

    private delegate void SpanAction(Span<byte> page);
}
