using System;
using System.IO;
using System.Linq;
using System.Text;
using MemoGen.RuntimeTests.Disk.Support;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using MemoGen.TestSupport;

namespace MemoGen.RuntimeTests.Disk;

/// <summary>A damaged entry is detected, logged, removed and computed again; the caller only sees a correct value.</summary>
public sealed class CorruptionTests
{
    private static readonly double[] Expected = Enumerable.Range(0, 5000).Select(i => i * 1.25).ToArray();

    [Test]
    public void A_truncated_payload_is_recomputed()
    {
        AssertRecomputedAfter((_, payload) =>
        {
            using var file = new FileStream(payload, FileMode.Open);
            file.SetLength(file.Length - 8);
        });
    }

    [Test]
    public void A_flipped_byte_in_the_data_is_recomputed()
    {
        AssertRecomputedAfter((_, payload) => FlipByte(payload, 4096 + 1000));
    }

    [TestCase(0, TestName = "A bad magic is recomputed")]
    [TestCase(17, TestName = "A bad rank is recomputed")]
    [TestCase(33, TestName = "A bad element count is recomputed")]
    [TestCase(60, TestName = "A bad key hash in the header is recomputed")]
    public void A_bad_header_is_recomputed(int offset)
    {
        AssertRecomputedAfter((_, payload) => FlipByte(payload, offset));
    }

    [Test]
    public void Garbage_metadata_is_recomputed()
    {
        AssertRecomputedAfter((metadata, _) => File.WriteAllBytes(metadata, Encoding.UTF8.GetBytes("{ \"entryFormat\": 1, garbage")), payloadRemoved: false);
    }

    [Test]
    public void Binary_garbage_metadata_is_recomputed()
    {
        AssertRecomputedAfter((metadata, _) => File.WriteAllBytes(metadata, Enumerable.Range(0, 300).Select(i => (byte)(i * 31)).ToArray()), payloadRemoved: false);
    }

    [Test]
    public void A_missing_payload_is_recomputed()
    {
        AssertRecomputedAfter((_, payload) => File.Delete(payload));
    }

    [Test]
    public void Metadata_that_declares_another_length_is_recomputed_without_reading_that_much()
    {
        AssertRecomputedAfter((metadata, _) => ReplaceInFile(metadata, "\"bytes\": 44096", "\"bytes\": 999999999999"));
    }

    [Test]
    public void Metadata_that_names_a_file_outside_its_entry_is_recomputed()
    {
        string? outside = null;
        AssertRecomputedAfter((metadata, payload) =>
        {
            outside = Path.Combine(Path.GetDirectoryName(metadata)!, "..", "elsewhere.raw");
            File.Copy(payload, outside);
            ReplaceInFile(metadata, Path.GetFileName(payload), "../elsewhere.raw");
        }, payloadRemoved: false, verify: () => Assert.That(File.Exists(outside), Is.True, "a file outside the entry is never read or removed"));
    }

    [Test]
    public void Metadata_of_another_key_is_recomputed()
    {
        AssertRecomputedAfter((metadata, _) =>
        {
            string text = File.ReadAllText(metadata);
            int at = text.IndexOf("\"keyHash\": \"", StringComparison.Ordinal) + 12;
            File.WriteAllText(metadata, text[..at] + (text[at] == '0' ? '1' : '0') + text[(at + 1)..]);
        });
    }

    [Test]
    public void A_metadata_file_of_a_megabyte_is_not_read()
    {
        AssertRecomputedAfter((metadata, _) => File.WriteAllText(metadata, "{\"pad\": \"" + new string('x', 1 << 21) + "\"}"), payloadRemoved: false);
    }

    [TestCase(2, TestName = "A corrupt inline JSON payload is recomputed")]
    [TestCase(2000, TestName = "A corrupt JSON payload file is recomputed")]
    public void A_corrupt_json_payload_is_recomputed(int bins)
    {
        using var store = new TempStore();
        var logger = new ListLogger { MinimumLevel = LogLevel.Warning };
        var options = DiskTables.Options(store, logger: logger);
        var function = DiskTables.Function<Measurement>();
        Func<int, Measurement> make = key => new Measurement("m", key, [.. Enumerable.Repeat(1.0, bins)], new System.Collections.Generic.Dictionary<string, int>());
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<Measurement>(make));
        string payload = Directory.GetFiles(store.Root, "*.json", SearchOption.AllDirectories)
            .OrderBy(p => p.EndsWith(".meta.json", StringComparison.Ordinal))
            .First();
        ReplaceInFile(payload, "\"Peak\": 1", "\"Peak\": 2");

        var again = new Counted<Measurement>(make);
        Measurement value = DiskTables.Get(DiskTables.Fresh(function, options), 1, again);

        Assert.That((again.Calls, value.Peak), Is.EqualTo((1, 1.0)), "the checksum caught the edit");
        Assert.That(logger.Messages(LogLevel.Warning).Single(), Does.Contain("checksum"));
    }

    [Test]
    public void A_payload_read_on_several_threads_is_checked_in_every_block()
    {
        using var store = new TempStore();
        var logger = new ListLogger { MinimumLevel = LogLevel.Warning };
        var options = DiskTables.Options(store, logger: logger);
        var function = DiskTables.Function<long[]>();
        Func<int, long[]> make = _ => Enumerable.Range(0, 5_000_000).Select(i => (long)i).ToArray();
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<long[]>(make));
        var intact = new Counted<long[]>(make);
        Assert.That(DiskTables.Get(DiskTables.Fresh(function, options), 1, intact)[4_999_999], Is.EqualTo(4_999_999));
        Assert.That(intact.Calls, Is.Zero, "40 MB, read on several threads where there are cores");

        FlipByte(Directory.GetFiles(store.Root, "*.raw", SearchOption.AllDirectories).Single(), 4096 + 39_000_000);
        var damaged = new Counted<long[]>(make);
        Assert.That(DiskTables.Get(DiskTables.Fresh(function, options), 1, damaged)[4_999_999], Is.EqualTo(4_999_999));

        Assert.That(damaged.Calls, Is.EqualTo(1));
        Assert.That(logger.Messages(LogLevel.Warning).Single(), Does.Contain("checksum"));
    }

    [Test]
    public void Without_a_logger_a_bad_entry_is_still_recomputed()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = DiskTables.Function<double[]>();
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<double[]>(_ => Expected));
        FlipByte(Directory.GetFiles(store.Root, "*.raw", SearchOption.AllDirectories).Single(), 5000);

        var again = new Counted<double[]>(_ => Expected);
        Assert.That(DiskTables.Get(DiskTables.Fresh(function, options), 1, again), Is.EqualTo(Expected));
        Assert.That(again.Calls, Is.EqualTo(1));
    }

    /// <summary>
    /// Writes an entry, damages it, and checks that a fresh context computes the value again with one warning, that
    /// the damaged files are gone (payload files that unreadable metadata cannot name are left to pruning), and that the
    /// rewritten entry loads.
    /// </summary>
    private static void AssertRecomputedAfter(Action<string, string> damage, bool payloadRemoved = true, Action? verify = null)
    {
        using var store = new TempStore();
        var logger = new ListLogger { MinimumLevel = LogLevel.Warning };
        var options = DiskTables.Options(store, logger: logger);
        var function = DiskTables.Function<double[]>();
        var first = DiskTables.Fresh(function, options);
        DiskTables.Get(first, 1, new Counted<double[]>(_ => Expected));
        string metadata = first.EntryPath(new NumberKey(1))!;
        string payload = Directory.GetFiles(Path.GetDirectoryName(metadata)!, "*.raw").Single();

        damage(metadata, payload);

        var again = new Counted<double[]>(_ => Expected);
        Assert.That(DiskTables.Get(DiskTables.Fresh(function, options), 1, again), Is.EqualTo(Expected));
        Assert.That(again.Calls, Is.EqualTo(1), "the bad entry is computed again");
        Assert.That(logger.Messages(LogLevel.Warning).ToArray(), Has.Length.EqualTo(1).And.All.Contain("bad cache entry"));
        Assert.That(File.Exists(payload), Is.Not.EqualTo(payloadRemoved), "the bad payload is removed when its metadata names it");

        var third = new Counted<double[]>(_ => Expected);
        Assert.That(DiskTables.Get(DiskTables.Fresh(function, options), 1, third), Is.EqualTo(Expected));
        Assert.That(third.Calls, Is.Zero, "the recomputed entry replaced the bad one");
        verify?.Invoke();
    }

    private static void FlipByte(string path, int offset)
    {
        byte[] bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
    }

    private static void ReplaceInFile(string path, string from, string to)
    {
        string text = File.ReadAllText(path);
        Assert.That(text, Does.Contain(from), "the damage applies");
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }
}
