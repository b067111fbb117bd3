using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Disk.Support;
using MemoryPack;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Disk;

[MemoryPackable]
public sealed partial record PackedPoint(int Id, double X, string Label);

/// <summary>Results the generator gives to MemoryPack: written in that format, read back, and told apart from other formats.</summary>
public sealed class MemoryPackFormatTests
{
    [Test]
    public void Built_in_types_and_packable_records_round_trip_through_memorypack()
    {
        Assert.That(RoundTrip(key => "text " + key).Read, Is.EqualTo("text 7"));
        Assert.That(RoundTrip<IReadOnlyList<int>>(key => [1, 2, key]).Read, Is.EqualTo(new[] { 1, 2, 7 }));
        Assert.That(RoundTrip(key => (key, "seven")).Read, Is.EqualTo((7, "seven")));
        Assert.That(RoundTrip(key => new Dictionary<string, int> { ["k"] = key }.ToFrozenDictionary()).Read["k"], Is.EqualTo(7));
        Assert.That(RoundTrip(key => new PackedPoint(key, 0.5, "p")).Read, Is.EqualTo(new PackedPoint(7, 0.5, "p")));
    }

    [TestCase("")]
    [TestCase("text")]
    [TestCase("non-ASCII: été, 東京, 🙂")]
    public void Strings_inline_and_in_a_payload_file_are_read_back_as_memorypack_wrote_them(string text)
    {
        string large = new string('x', 100_000) + text;
        Assert.That(RoundTrip(_ => text).Read, Is.EqualTo(text));
        Assert.That(
            RoundTrip(_ => large, root => Assert.That(Directory.GetFiles(root, "*.memorypack", SearchOption.AllDirectories), Has.Length.EqualTo(1))).Read,
            Is.EqualTo(large));
    }

    [Test]
    public void A_null_string_is_read_back_as_null() => Assert.That(RoundTrip<string?>(_ => null).Read, Is.Null);

    [Test]
    public void A_small_value_is_one_file_whose_metadata_says_memorypack()
    {
        using var store = new TempStore();
        var table = DiskTables.Fresh(Function<PackedPoint>(), DiskTables.Options(store));
        DiskTables.Get(table, 1, new Counted<PackedPoint>(key => new PackedPoint(key, 1, "small")));

        Assert.That(Directory.GetFiles(store.Root, "*", SearchOption.AllDirectories), Has.Length.EqualTo(1), "one file");
        Assert.That(File.ReadAllText(table.EntryPath(new NumberKey(1))!), Does.Contain("\"format\": \"memorypack\""));
    }

    [Test]
    public void A_large_list_of_records_is_a_memorypack_payload_file()
    {
        string[] payloads = [];
        (List<PackedPoint> written, List<PackedPoint> read) = RoundTrip(
            key => Enumerable.Range(0, 10_000).Select(i => new PackedPoint(i, i * 0.25, "p" + key)).ToList(),
            root => payloads = Directory.GetFiles(root, "*.memorypack", SearchOption.AllDirectories));

        Assert.That(read, Is.EqualTo(written));
        Assert.That(payloads, Has.Length.EqualTo(1));
    }

    [Test]
    public void An_entry_written_as_json_is_a_miss_for_memorypack_and_the_other_way_round()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var json = DiskTables.Function<IReadOnlyList<int>>();
        var packed = Function<IReadOnlyList<int>>();

        DiskTables.Get(DiskTables.Fresh(json, options), 1, new Counted<IReadOnlyList<int>>(key => [key]));
        var afterJson = new Counted<IReadOnlyList<int>>(key => [key, 2]);
        Assert.That(DiskTables.Get(DiskTables.Fresh(packed, options), 1, afterJson), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(afterJson.Calls, Is.EqualTo(1), "the JSON entry is a miss for MemoryPack, not a value");

        var afterPacked = new Counted<IReadOnlyList<int>>(key => [key, 3]);
        Assert.That(DiskTables.Get(DiskTables.Fresh(json, options), 1, afterPacked), Is.EqualTo(new[] { 1, 3 }));
        Assert.That(afterPacked.Calls, Is.EqualTo(1), "the MemoryPack entry is a miss for JSON");

        var again = new Counted<IReadOnlyList<int>>(key => [key, 4]);
        Assert.That(DiskTables.Get(DiskTables.Fresh(json, options), 1, again), Is.EqualTo(new[] { 1, 3 }), "the rewritten entry is a hit");
        Assert.That(again.Calls, Is.Zero);
    }

    [Test]
    public void The_options_serializer_and_a_functions_own_serializer_override_the_generators_choice()
    {
        using var everyFunction = new TempStore();
        var options = DiskTables.Options(everyFunction);
        options.Serializer = JsonMemoSerializer.Default;
        Assert.That(FormatWritten(options, Function<IReadOnlyList<int>>("f")), Is.EqualTo("json"));

        using var oneFunction = new TempStore();
        options = DiskTables.Options(oneFunction).UseSerializer("g", JsonMemoSerializer.Default);
        Assert.That(FormatWritten(options, Function<IReadOnlyList<int>>("g")), Is.EqualTo("json"));
        Assert.That(FormatWritten(options, Function<IReadOnlyList<int>>("h")), Is.EqualTo("memorypack"));
    }

    [Test]
    public void A_type_memorypack_cannot_write_is_kept_in_memory_and_still_answered()
    {
        using var store = new TempStore();
        var table = DiskTables.Fresh(Function<Measurement>(), DiskTables.Options(store));
        var compute = new Counted<Measurement>(key => new Measurement("plain record", key, [], new Dictionary<string, int>()));

        Assert.That(DiskTables.Get(table, 1, compute).Name, Is.EqualTo("plain record"));
        Assert.That(DiskTables.Get(table, 1, compute).Name, Is.EqualTo("plain record"));
        Assert.That(compute.Calls, Is.EqualTo(1));
        Assert.That(Directory.Exists(store.Root) ? Directory.GetFiles(store.Root, "*", SearchOption.AllDirectories) : [], Is.Empty);
    }

    private static MemoFunction<NumberKey, TResult> Function<TResult>(string name = "f") =>
        new(name, "v1", [MemoTags.Disk], format: MemoPayloadFormat.MemoryPack);

    private static string FormatWritten(MemoOptions options, MemoFunction<NumberKey, IReadOnlyList<int>> function)
    {
        var table = DiskTables.Fresh(function, options);
        DiskTables.Get(table, 1, new Counted<IReadOnlyList<int>>(key => [key]));
        string metadata = File.ReadAllText(table.EntryPath(new NumberKey(1))!);
        return System.Text.Json.JsonDocument.Parse(metadata).RootElement.GetProperty("format").GetString()!;
    }

    private static (TResult Written, TResult Read) RoundTrip<TResult>(Func<int, TResult> make, Action<string>? inspectStore = null)
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = Function<TResult>();
        TResult written = DiskTables.Get(DiskTables.Fresh(function, options), 7, new Counted<TResult>(make));
        var second = new Counted<TResult>(make);
        TResult read = DiskTables.Get(DiskTables.Fresh(function, options), 7, second);
        Assert.That(second.Calls, Is.Zero, $"a {typeof(TResult)} is read back, not computed again");
        inspectStore?.Invoke(store.Root);
        return (written, read);
    }
}
