using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Text.Json;
using MemoGen.Disk;
using MemoGen.Hashing;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Disk.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Disk;

/// <summary>The layout and the bytes of an entry, as docs/disk-store.md specifies them.</summary>
public sealed class EntryFormatTests
{
    [Test]
    public void An_entry_lives_in_its_functions_folder_under_a_fan_out_folder_named_by_its_key_hash()
    {
        using var store = new TempStore();
        var function = DiskTables.Function<double[]>("rms_squared");
        var table = DiskTables.Fresh(function, DiskTables.Options(store));
        DiskTables.Get(table, 5, new Counted<double[]>(_ => [1.0, 2.0]));

        string hash = MemoKeyHash.Of(new NumberKey(5)).ToString();
        Assert.That(hash, Is.EqualTo(PinnedKeyHash), "the key hash names the files: a change orphans every entry on disk");
        string expected = Path.Combine(store.Root, "rms_squared", hash[..2], hash + ".meta.json");
        Assert.That(table.EntryPath(new NumberKey(5)), Is.EqualTo(expected));
        Assert.That(File.Exists(expected), Is.True);
        string[] payloads = Directory.GetFiles(Path.GetDirectoryName(expected)!, hash + ".*.raw");
        Assert.That(payloads, Has.Length.EqualTo(1));
        Assert.That(Path.GetFileName(payloads[0]), Does.Match("^[0-9a-f]{32}\\.[0-9a-f]{16}\\.raw$"));
    }

    [Test]
    public void The_metadata_is_readable_json_describing_the_call()
    {
        using var store = new TempStore();
        var function = new MemoFunction<NumberKey, double[]>("spectrum", "abc123", [MemoTags.Disk]);
        var table = DiskTables.Fresh(function, DiskTables.Options(store));
        DiskTables.Get(table, 5, new Counted<double[]>(_ => new double[1000]));

        using JsonDocument metadata = JsonDocument.Parse(File.ReadAllBytes(table.EntryPath(new NumberKey(5))!));
        JsonElement root = metadata.RootElement;
        Assert.That(root.GetProperty("entryFormat").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("function").GetString(), Is.EqualTo("spectrum"));
        Assert.That(root.GetProperty("codeVersion").GetString(), Is.EqualTo("abc123"));
        Assert.That(root.GetProperty("keyHash").GetString(), Is.EqualTo(MemoKeyHash.Of(new NumberKey(5)).ToString()));
        Assert.That(root.GetProperty("resultType").GetString(), Is.EqualTo("System.Double[]"));
        Assert.That(root.GetProperty("call").GetString(), Is.EqualTo("spectrum(n=5)"));
        Assert.That(root.GetProperty("format").GetString(), Is.EqualTo("raw"));
        Assert.That(root.GetProperty("value").GetString(), Is.EqualTo("double[1000]"));
        Assert.That(root.GetProperty("computeSeconds").GetDouble(), Is.GreaterThanOrEqualTo(0));
        Assert.That(root.GetProperty("created").GetDateTime(), Is.EqualTo(DateTime.UtcNow).Within(TimeSpan.FromMinutes(5)));
        JsonElement file = root.GetProperty("files").EnumerateArray().Single();
        Assert.That(file.GetProperty("bytes").GetInt64(), Is.EqualTo(4096 + 8000));
        Assert.That(file.GetProperty("checksumOffset").GetInt64(), Is.EqualTo(4096));
        Assert.That(root.GetProperty("payloadBytes").GetInt64(), Is.EqualTo(4096 + 8000));
    }

    [Test]
    public void A_raw_payload_is_a_page_of_header_then_the_little_endian_elements()
    {
        using var store = new TempStore();
        var function = DiskTables.Function<double[,]>();
        var table = DiskTables.Fresh(function, DiskTables.Options(store));
        DiskTables.Get(table, 5, new Counted<double[,]>(_ => new double[,] { { 1.5, 2.5, 3.5 }, { 4.5, 5.5, 6.5 } }));

        byte[] file = File.ReadAllBytes(Directory.GetFiles(store.Root, "*.raw", SearchOption.AllDirectories).Single());
        MemoHash128 key = MemoKeyHash.Of(new NumberKey(5));
        Assert.That(file, Has.Length.EqualTo(4096 + 48));
        Assert.That(file[..8], Is.EqualTo("MEMORAW\0"u8.ToArray()));
        Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(8)), Is.EqualTo(1), "header version");
        Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(10)), Is.Zero, "flags");
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(12)), Is.EqualTo(4096), "data offset");
        Assert.That(file[16], Is.EqualTo(0x0C), "element kind: the key hash's double tag");
        Assert.That(file[17], Is.EqualTo(2), "rank");
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(20)), Is.EqualTo(8), "element size");
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(24)), Is.Zero, "element type id of a primitive");
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(32)), Is.EqualTo(6), "count");
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(40)), Is.EqualTo(48), "data length");
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(48)), Is.EqualTo(BlockChecksum.Of(file.AsSpan(4096))), "data checksum");
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(48)), Is.EqualTo(15051233506932307863UL), "data checksum of these six doubles, pinned");
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(56)), Is.EqualTo(key.High));
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(64)), Is.EqualTo(key.Low));
        Assert.That(BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(72)), Is.EqualTo(2), "length of dimension 0");
        Assert.That(BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(80)), Is.EqualTo(3), "length of dimension 1");
        Assert.That(BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(88)), Is.Zero, "lower bound 0");
        Assert.That(BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(96)), Is.Zero, "lower bound 1");
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(104)), Is.EqualTo(XxHash64.HashToUInt64(file.AsSpan(0, 104))), "header checksum");
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(104)), Is.EqualTo(746855283002866345UL), "header checksum of this entry, pinned");
        Assert.That(file.AsSpan(112, 4096 - 112).ToArray(), Is.All.Zero, "padding");
        Assert.That(BinaryPrimitives.ReadDoubleLittleEndian(file.AsSpan(4096 + 8)), Is.EqualTo(2.5), "row-major elements");
    }

    [Test]
    public void The_checksum_hashes_the_digests_of_one_mebibyte_blocks()
    {
        byte[] payload = Enumerable.Range(0, (2 * BlockChecksum.BlockSize) + 100).Select(i => (byte)(i * 7)).ToArray();
        ulong[] digests =
        [
            XxHash64.HashToUInt64(payload.AsSpan(0, BlockChecksum.BlockSize)),
            XxHash64.HashToUInt64(payload.AsSpan(BlockChecksum.BlockSize, BlockChecksum.BlockSize)),
            XxHash64.HashToUInt64(payload.AsSpan(2 * BlockChecksum.BlockSize)),
        ];
        byte[] digestBytes = new byte[24];
        for (int i = 0; i < 3; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(digestBytes.AsSpan(8 * i), digests[i]);
        }

        Assert.That(BlockChecksum.Of(payload), Is.EqualTo(XxHash64.HashToUInt64(digestBytes)));
        Assert.That(BlockChecksum.Of([]), Is.EqualTo(0xef46db3751d8e999UL), "no block: XXH64 of nothing");
    }

    [Test]
    public void A_struct_element_is_identified_by_its_layout_so_a_changed_struct_is_not_misread()
    {
        RawElement sample = RawElement.For<Sample>();
        RawElement reordered = RawElement.For<SampleReordered>();

        Assert.That(sample.Kind, Is.EqualTo(0x30));
        Assert.That(sample.TypeId, Is.EqualTo(425121327340039849UL), "the type id written into every raw payload of Sample, pinned");
        Assert.That(reordered.TypeId, Is.Not.EqualTo(sample.TypeId));
    }

    [TestCase("rms_squared", "rms_squared")]
    [TestCase("Spectra.Power", "Spectra.Power")]
    public void A_portable_function_name_is_its_folder(string name, string folder)
    {
        Assert.That(DiskLayout.FolderName(name), Is.EqualTo(folder));
    }

    [TestCase("a/b", "a_b-9a185aae")]
    [TestCase("..", "_-0cb06a6f")]
    [TestCase("CON", "CON-17ff7959")]
    [TestCase("naïve name", "na_ve_name-a1eaa0fe")]
    public void Any_other_name_is_cleaned_and_suffixed_with_its_hash(string name, string pinned)
    {
        string folder = DiskLayout.FolderName(name);

        Assert.That(folder, Does.Match("^[A-Za-z0-9_][A-Za-z0-9_.-]*-[0-9a-f]{8}$"));
        Assert.That(folder, Is.EqualTo(pinned), "the folder on disk, pinned: a change orphans the function's entries");
    }

    [TestCase("com1")]
    [TestCase("Lpt9")]
    [TestCase("nul.cache")]
    [TestCase("aUx")]
    public void A_device_name_of_any_case_is_suffixed_with_its_hash(string name)
    {
        Assert.That(DiskLayout.FolderName(name), Does.Match("^" + System.Text.RegularExpressions.Regex.Escape(name) + "-[0-9a-f]{8}$"));
    }

    [TestCase("COMA")]
    [TestCase("con1")]
    [TestCase("console")]
    [TestCase("LPT")]
    [TestCase("com")]
    public void A_name_that_only_starts_like_a_device_is_its_folder(string name)
    {
        Assert.That(DiskLayout.FolderName(name), Is.EqualTo(name));
    }

    [Test]
    public void Names_cleaned_alike_get_different_folders()
    {
        Assert.That(DiskLayout.FolderName("a/b"), Is.Not.EqualTo(DiskLayout.FolderName("a:b")));
        Assert.That(DiskLayout.FolderName("a/b"), Is.Not.EqualTo(DiskLayout.FolderName("a_b")));
    }

    [Test]
    public void An_entry_written_under_key_hash_format_2_is_a_miss()
    {
        using var store = new TempStore();
        var function = DiskTables.Function<double[]>("rms_squared");
        DiskTables.Get(DiskTables.Fresh(function, DiskTables.Options(store)), 5, new Counted<double[]>(_ => [1.0, 2.0]));
        string current = MemoKeyHash.Of(new NumberKey(5)).ToString();
        Assert.That(current, Is.Not.EqualTo(Format2KeyHash));

        // The same entry moved to the address format 2 gave the key: what a store written by the previous release holds.
        string currentFolder = Path.Combine(store.Root, "rms_squared", current[..2]);
        string oldFolder = Directory.CreateDirectory(Path.Combine(store.Root, "rms_squared", Format2KeyHash[..2])).FullName;
        foreach (string file in Directory.GetFiles(currentFolder, current + ".*"))
        {
            string moved = Path.Combine(oldFolder, Path.GetFileName(file).Replace(current, Format2KeyHash, StringComparison.Ordinal));
            if (file.EndsWith(".meta.json", StringComparison.Ordinal))
            {
                File.WriteAllText(moved, File.ReadAllText(file).Replace(current, Format2KeyHash, StringComparison.Ordinal));
                File.Delete(file);
            }
            else
            {
                File.Move(file, moved);
            }
        }

        var compute = new Counted<double[]>(_ => [1.0, 2.0]);
        DiskTables.Get(DiskTables.Fresh(function, DiskTables.Options(store)), 5, compute);

        Assert.That(compute.Calls, Is.EqualTo(1), "the old entry is not found: computed, and written under the new address");
        Assert.That(File.Exists(Path.Combine(currentFolder, current + ".meta.json")), Is.True);
    }

    /// <summary>The stable hash of <c>new NumberKey(5)</c>, the name of its entry's files.</summary>
    private const string PinnedKeyHash = "97f24a666e2e1547e4842888a8f5a331";

    /// <summary>The hash key hash format 2 (dual XXH64) gave <c>new NumberKey(5)</c>.</summary>
    private const string Format2KeyHash = "7b9da0928d21f82145a23558298f8b65";

    private readonly record struct SampleReordered(double Value, int Id, bool Flag);
}
