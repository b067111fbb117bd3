using System;
using MemoGen.Disk;
using MemoryPack;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Disk;

/// <summary><see cref="MemoryPackString"/> reads exactly what MemoryPack writes, in either of its string encodings.</summary>
public sealed class MemoryPackStringTests
{
    private static readonly string?[] Strings = [null, "", "a", "text", "non-ASCII: été, 東京, 🙂", new string('x', 70_000) + "é"];

    [Test]
    public void Every_string_reads_back_as_written_in_utf8_and_in_utf16(
        [ValueSource(nameof(Strings))] string? text,
        [Values(StringEncoding.Utf8, StringEncoding.Utf16)] StringEncoding encoding)
    {
        byte[] written = MemoryPackSerializer.Serialize(text, MemoryPackSerializerOptions.Default with { StringEncoding = encoding });

        Assert.That(MemoryPackString.Read(written), Is.EqualTo(text));
    }

    [Test]
    public void A_string_cut_short_is_a_bad_entry(
        [Values("text", "non-ASCII: été")] string text,
        [Values(StringEncoding.Utf8, StringEncoding.Utf16)] StringEncoding encoding)
    {
        byte[] written = MemoryPackSerializer.Serialize(text, MemoryPackSerializerOptions.Default with { StringEncoding = encoding });

        Assert.Throws<InvalidEntryException>(() => MemoryPackString.Read(written.AsSpan(0, written.Length - 1)));
        Assert.Throws<InvalidEntryException>(() => MemoryPackString.Read(written.AsSpan(0, 3)));
    }
}
