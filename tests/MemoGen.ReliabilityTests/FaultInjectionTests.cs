using System;
using System.IO;
using System.Linq;
using MemoGen.ReliabilityTests.Subjects;
using MemoGen.ReliabilityTests.Support;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using MemoGen.TestSupport;

namespace MemoGen.ReliabilityTests;

/// <summary>
/// Faults injected through the store's I/O seam: whatever fails, the caller gets the right value, and afterwards the
/// folder holds only complete entries (a fresh, fault-free reader loads each without computing, logs nothing, and
/// finds no leftover file) and the cache works again.
/// </summary>
public sealed class FaultInjectionTests
{
    private TempFolder _folder = null!;
    private ListLogger _log = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = new TempFolder("faults");
        _log = new ListLogger { MinimumLevel = LogLevel.Warning };
    }

    [TearDown]
    public void DeleteFolder()
    {
        _folder.Dispose();
        _log.Dispose();
    }

    [Test]
    public void A_disk_that_fills_up_midway_through_a_64_MiB_payload()
    {
        var faults = new FaultyFileSystem { DiskFullAfter = path => path.EndsWith(".raw", StringComparison.Ordinal) ? 10L << 20 : null };
        Lab lab = NewLab(faults);

        Assert.That(Workload.Mismatch(1, lab.Big(1).Span, Lab.BigLength), Is.Null);
        Assert.That(CacheFolder.Entries(_folder.Root), Is.Zero);
        Assert.That(_log.Messages(LogLevel.Warning).Single(), Does.Contain("cannot be written").And.Contain("No space left"));
        AssertConsistent(big: [1]);
    }

    [Test]
    public void A_disk_that_fills_up_midway_through_the_metadata()
    {
        var faults = new FaultyFileSystem { DiskFullAfter = path => path.EndsWith(".tmp", StringComparison.Ordinal) ? 40 : null };
        Lab lab = NewLab(faults);

        Assert.That(lab.Small(1), Is.EqualTo(Workload.Small(1)));
        Assert.That(Workload.Mismatch(2, lab.Medium(2).Span, Lab.MediumLength), Is.Null);
        Assert.That(CacheFolder.Entries(_folder.Root), Is.Zero);
        AssertConsistent(small: [1], medium: [2]);
    }

    [Test]
    public void A_rename_that_fails_commits_nothing_and_leaves_nothing()
    {
        var faults = new FaultyFileSystem { ReplaceFault = (_, _) => new IOException("rename failed") };
        Lab lab = NewLab(faults);

        Assert.That(Workload.Mismatch(2, lab.Medium(2).Span, Lab.MediumLength), Is.Null);
        Assert.That(lab.Small(1), Is.EqualTo(Workload.Small(1)));
        Assert.That(CacheFolder.Entries(_folder.Root), Is.Zero);
        AssertConsistent(small: [1], medium: [2]);
    }

    [Test]
    public void A_rename_that_fails_while_replacing_an_entry_keeps_the_old_one()
    {
        NewLab().Medium(2);
        var faults = new FaultyFileSystem { ReplaceFault = (_, _) => new IOException("rename failed") };
        Lab lab = NewLab(faults);

        Assert.That(Workload.Mismatch(2, lab.MediumMemo.Recompute(2).Span, Lab.MediumLength), Is.Null);
        Assert.That(CacheFolder.Entries(_folder.Root), Is.EqualTo(1));
        AssertConsistent(medium: [2], expectPresent: 1);
    }

    [Test]
    public void Short_reads_are_completed_and_the_entry_loads()
    {
        NewLab().Medium(3);
        var faults = new FaultyFileSystem { MaxBytesPerRead = _ => 4097 };
        Lab lab = NewLab(faults);

        Assert.That(Workload.Mismatch(3, lab.Medium(3).Span, Lab.MediumLength), Is.Null);
        Assert.That((lab.Computations, lab.GetStatistics().DiskLoads), Is.EqualTo((0, 1L)), "loaded, not computed");
        Assert.That(_log.Entries, Is.Empty);
    }

    [Test]
    public void A_payload_that_ends_early_while_read_is_recomputed_and_rewritten()
    {
        NewLab().Medium(3);
        var faults = new FaultyFileSystem { EndsAt = path => path.EndsWith(".raw", StringComparison.Ordinal) ? 100_000 : null };
        Lab lab = NewLab(faults);

        Assert.That(Workload.Mismatch(3, lab.Medium(3).Span, Lab.MediumLength), Is.Null);
        Assert.That(lab.Computations, Is.EqualTo(1));
        Assert.That(_log.Messages(LogLevel.Warning).Single(), Does.Contain("removed the bad cache entry"));
        AssertConsistent(medium: [3], expectPresent: 1);
    }

    [Test]
    public void A_read_that_fails_with_an_IO_error_is_computed()
    {
        NewLab().Medium(3);
        var faults = new FaultyFileSystem { ReadFault = path => path.EndsWith(".raw", StringComparison.Ordinal) ? new IOException("Input/output error") : null };
        Lab lab = NewLab(faults);

        Assert.That(Workload.Mismatch(3, lab.Medium(3).Span, Lab.MediumLength), Is.Null);
        Assert.That(lab.Computations, Is.EqualTo(1));
        AssertConsistent(medium: [3], expectPresent: 1);
    }

    [Test]
    public void A_payload_that_vanishes_between_reading_the_metadata_and_opening_it_is_computed()
    {
        NewLab().Medium(4);
        var faults = new FaultyFileSystem { BeforeOpen = path => { if (path.EndsWith(".raw", StringComparison.Ordinal)) { File.Delete(path); } } };
        Lab lab = NewLab(faults);

        Assert.That(Workload.Mismatch(4, lab.Medium(4).Span, Lab.MediumLength), Is.Null);
        Assert.That(lab.Computations, Is.EqualTo(1));
        AssertConsistent(medium: [4]);
    }

    [Test]
    public void Files_that_vanish_between_listing_and_opening_do_not_break_pruning()
    {
        Lab writer = NewLab();
        for (int key = 0; key < 6; key++)
        {
            writer.Medium(key);
            writer.Small(key);
        }

        bool vanished = false;
        var faults = new FaultyFileSystem
        {
            AfterList = files =>
            {
                // Every other entry listed disappears (as another process's clear would remove it) before the pruner can open it.
                foreach (var file in files.Where(f => f.Name.EndsWith(".meta.json", StringComparison.Ordinal)).Where((_, i) => i % 2 == 0))
                {
                    foreach (string entryFile in Directory.GetFiles(Path.GetDirectoryName(file.Path)!, file.Name[..32] + ".*"))
                    {
                        File.Delete(entryFile);
                    }

                    vanished = true;
                }
            },
        };
        var options = new MemoOptions { CacheDirectory = _folder.Root, FileSystem = faults, LoggerFactory = _log, DiskLimits = new DiskLimits(MaxEntries: 8) };

        Assert.DoesNotThrow(() => new Lab(options).PruneDisk());
        Assert.That(vanished, Is.True);
        // Payloads whose metadata the test deleted are orphans, left to a later prune's grace period.
        AssertConsistent(small: Enumerable.Range(0, 6).ToArray(), medium: Enumerable.Range(0, 6).ToArray(), orphansAllowed: true);
    }

    private Lab NewLab(FaultyFileSystem? faults = null) =>
        new(new MemoOptions { CacheDirectory = _folder.Root, FileSystem = faults ?? new FaultyFileSystem(), LoggerFactory = _log });

    /// <summary>
    /// A fresh, fault-free reader loads every entry that is there without computing, logs nothing and finds no file of
    /// an uncommitted write; the keys then compute or load correctly, and a further reader loads them all.
    /// </summary>
    private void AssertConsistent(int[]? small = null, int[]? medium = null, int[]? big = null, int? expectPresent = null, bool orphansAllowed = false)
    {
        small ??= [];
        medium ??= [];
        big ??= [];
        var log = new ListLogger { MinimumLevel = LogLevel.Warning };
        var options = new MemoOptions { CacheDirectory = _folder.Root, LoggerFactory = log };
        var reader = new Lab(options);
        Verification result = Verifier.Check(reader, small, big);
        int present = result.Present;
        foreach (int key in medium.Where(k => reader.MediumMemo.IsCached(k)))
        {
            present++;
            int before = reader.Computations;
            Assert.That(Workload.Mismatch(key, reader.Medium(key).Span, Lab.MediumLength), Is.Null);
            Assert.That(reader.Computations, Is.EqualTo(before), $"medium {key} is listed as cached, so it loads");
        }

        Assert.That(result.Problems, Is.Empty);
        Assert.That(log.Entries, Is.Empty, "the reader finds no bad entry");
        if (!orphansAllowed)
        {
            Assert.That(CacheFolder.Uncommitted(_folder.Root).Files, Is.Zero, "no file of an uncommitted write is left");
        }
        if (expectPresent is { } expected)
        {
            Assert.That(present, Is.EqualTo(expected));
        }

        // The cache works again: everything computes or loads right, and then a further reader loads it all.
        foreach (int key in small)
        {
            Assert.That(reader.Small(key), Is.EqualTo(Workload.Small(key)));
        }

        foreach (int key in medium)
        {
            Assert.That(Workload.Mismatch(key, reader.Medium(key).Span, Lab.MediumLength), Is.Null);
        }

        foreach (int key in big)
        {
            Assert.That(Workload.Mismatch(key, reader.Big(key).Span, Lab.BigLength), Is.Null);
        }

        var again = new Lab(options);
        Assert.That(Verifier.Check(again, small, big) is { Problems.Count: 0 } check && check.Present == small.Length + big.Length, Is.True);
        Assert.That(medium.All(k => again.MediumMemo.IsCached(k)), Is.True);
        Assert.That(log.Entries, Is.Empty);
    }
}
