using System;
using System.Text;
using MemoGen.Disk;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Disk;

/// <summary>The metadata reader (<see cref="MetadataJsonReader"/>): what the writer writes reads back; JSON it must refuse is a bad entry.</summary>
public sealed class MetadataJsonTests
{
    private static EntryMetadata Sample(string call = "f(x=1)") => new()
    {
        Function = "spectrum",
        CodeVersion = "abc123",
        KeyHash = "0123456789abcdef0123456789abcdef",
        ResultType = "System.Double[]",
        Call = call,
        CreatedUtc = new DateTime(2026, 12, 2, 15, 31, 19, DateTimeKind.Utc).AddTicks(1234567),
        ComputeSeconds = 1.2e-5, // written as 1.2E-05: an exponent
        Format = "raw",
        Value = "double[3]",
        Files = [new PayloadFile("0123456789abcdef0123456789abcdef.00112233aabbccdd.raw", 4120, 4096, 0xfedcba9876543210)],
    };

    [TestCase("f(x=1)")]
    [TestCase("g(s=\"quoted \\\\ back\\slash\", t=\ttab\nline)")]
    [TestCase("h(emoji=😀, accents=éàü, nul=\0, ctl=\u0001)")]
    public void What_the_writer_writes_reads_back(string call)
    {
        EntryMetadata written = Sample(call);

        EntryMetadata read = EntryMetadataJson.Read(EntryMetadataJson.Write(written), descriptions: true);

        Assert.Multiple(() =>
        {
            Assert.That(read with { Files = written.Files }, Is.EqualTo(written));
            Assert.That(read.Files, Is.EqualTo(written.Files));
            Assert.That(read.CreatedUtc.Kind, Is.EqualTo(DateTimeKind.Utc));
        });
    }

    [Test]
    public void An_inline_payload_reads_back_byte_for_byte()
    {
        byte[] inline = Encoding.UTF8.GetBytes("{\"a\":[1,2.5e3,true,null,{\"b\":\"\\u00e9\"}]}");
        EntryMetadata written = Sample() with { Files = [], Inline = new InlinePayload(inline, 42) };

        EntryMetadata read = EntryMetadataJson.Read(EntryMetadataJson.Write(written));

        Assert.That(read.Inline!.Utf8.ToArray(), Is.EqualTo(inline));
        Assert.That(read.Inline.Checksum, Is.EqualTo(42UL));
    }

    [Test]
    public void Unknown_fields_of_any_kind_are_skipped()
    {
        string json = Encoding.UTF8.GetString(EntryMetadataJson.Write(Sample()));
        json = json.Replace("\"function\"", "\"extra\": {\"x\": [1, -2.5E-3, \"s\\\"\", false, null, []], \"y\": {}},\n  \"function\"");

        Assert.That(EntryMetadataJson.Read(Encoding.UTF8.GetBytes(json)).Function, Is.EqualTo("spectrum"));
    }

    [TestCase("{\"entryFormat\": 1,}", TestName = "A trailing comma")]
    [TestCase("{\"entryFormat\": 1 // c\n}", TestName = "A comment")]
    [TestCase("{\"entryFormat\": 1} {}", TestName = "Content after the object")]
    [TestCase("{\"entryFormat\" 1}", TestName = "A missing colon")]
    [TestCase("{\"function\": \"a\\qb\"}", TestName = "An unknown escape")]
    [TestCase("{\"function\": \"\\ud800x\"}", TestName = "A lone surrogate")]
    [TestCase("{\"function\": \"ab", TestName = "An unterminated string")]
    [TestCase("{\"entryFormat\": tru}", TestName = "A bad literal")]
    [TestCase("[1]", TestName = "Not an object")]
    [TestCase("", TestName = "Nothing")]
    public void Json_it_must_refuse_is_a_bad_entry(string json)
    {
        Assert.Throws<InvalidEntryException>(() => EntryMetadataJson.Read(Encoding.UTF8.GetBytes(json)));
    }

    [Test]
    public void Invalid_utf8_and_deep_nesting_are_bad_entries()
    {
        byte[] invalid = [.. "{\"function\": \""u8, 0xC3, 0x28, .. "\"}"u8];
        string deep = "{\"x\": " + new string('[', 100) + new string(']', 100) + "}";

        Assert.Throws<InvalidEntryException>(() => EntryMetadataJson.Read(invalid));
        Assert.Throws<InvalidEntryException>(() => EntryMetadataJson.Read(Encoding.UTF8.GetBytes(deep)));
    }
}
