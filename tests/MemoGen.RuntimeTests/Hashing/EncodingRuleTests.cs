using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using MemoGen.Hashing;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Hashing;

/// <summary>The canonicalization and separation rules of docs/key-hash.md: what must hash alike and what must not.</summary>
public sealed class EncodingRuleTests
{
    public delegate void Writer(ref MemoHasher hasher);

    public sealed record Pair(string Description, Writer Left, Writer Right)
    {
        public override string ToString() => Description;
    }

    private static MemoHash128 Hash(Writer write)
    {
        var hasher = new MemoHasher();
        write(ref hasher);
        return hasher.Finish();
    }

    private static Pair P(string description, Writer left, Writer right) => new(description, left, right);

    public static IEnumerable<TestCaseData> EqualPairs() => new[]
    {
        P("double -0.0 and +0.0", (ref MemoHasher h) => h.Write(-0.0), (ref MemoHasher h) => h.Write(0.0)),
        P("float -0.0 and +0.0", (ref MemoHasher h) => h.Write(-0.0f), (ref MemoHasher h) => h.Write(0.0f)),
        P("double NaN and positive quiet NaN",
            (ref MemoHasher h) => h.Write(double.NaN), (ref MemoHasher h) => h.Write(BitConverter.UInt64BitsToDouble(0x7FF8000000000000))),
        P("double NaN and signalling NaN with payload",
            (ref MemoHasher h) => h.Write(double.NaN), (ref MemoHasher h) => h.Write(BitConverter.UInt64BitsToDouble(0x7FF0000000000001))),
        P("double NaN and negative NaN with payload",
            (ref MemoHasher h) => h.Write(double.NaN), (ref MemoHasher h) => h.Write(BitConverter.UInt64BitsToDouble(0xFFFFFFFFFFFFFFFF))),
        P("float NaN and positive quiet NaN",
            (ref MemoHasher h) => h.Write(float.NaN), (ref MemoHasher h) => h.Write(BitConverter.UInt32BitsToSingle(0x7FC00000))),
        P("float NaN and signalling NaN with payload",
            (ref MemoHasher h) => h.Write(float.NaN), (ref MemoHasher h) => h.Write(BitConverter.UInt32BitsToSingle(0x7F800001))),
        P("decimal 1.0 and 1.00", (ref MemoHasher h) => h.Write(1.0m), (ref MemoHasher h) => h.Write(1.00m)),
        P("decimal 1 and 1.000000", (ref MemoHasher h) => h.Write(1m), (ref MemoHasher h) => h.Write(1.000000m)),
        P("decimal -0 and 0", (ref MemoHasher h) => h.Write(new decimal(0, 0, 0, true, 3)), (ref MemoHasher h) => h.Write(0m)),
        P("decimal 0.000 and 0", (ref MemoHasher h) => h.Write(0.000m), (ref MemoHasher h) => h.Write(0m)),
        P("decimal 12.3400 and 12.34", (ref MemoHasher h) => h.Write(12.3400m), (ref MemoHasher h) => h.Write(12.34m)),
        P("decimal with 28 trailing zeros in scale and 1",
            (ref MemoHasher h) => h.Write(new decimal(268435456, 1042612833, 542101086, false, 28)), (ref MemoHasher h) => h.Write(1m)),
        P("DateTime of the same ticks in UTC and Local kinds",
            (ref MemoHasher h) => h.Write(new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc)),
            (ref MemoHasher h) => h.Write(new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Local))),
        P("DateTimeOffset of one instant at two offsets",
            (ref MemoHasher h) => h.Write(new DateTimeOffset(2024, 5, 6, 9, 8, 9, TimeSpan.FromHours(2))),
            (ref MemoHasher h) => h.Write(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero))),
        P("lone surrogate and U+FFFD", (ref MemoHasher h) => h.Write("x\udc00y"), (ref MemoHasher h) => h.Write("x\ufffdy")),
        P("null string and WriteNull", (ref MemoHasher h) => h.Write((string?)null), (ref MemoHasher h) => h.WriteNull()),
        P("hashable struct and its tag then its writes",
            (ref MemoHasher h) => h.WriteHashable(new HashableStruct(5)), (ref MemoHasher h) => { h.BeginHashable(); h.Write(5); }),
    }.Select(p => new TestCaseData(p).SetArgDisplayNames(p.Description));

    public static IEnumerable<TestCaseData> DistinctPairs() => new[]
    {
        P("(\"ab\", \"c\") and (\"a\", \"bc\")",
            (ref MemoHasher h) => { h.Write("ab"); h.Write("c"); }, (ref MemoHasher h) => { h.Write("a"); h.Write("bc"); }),
        P("int 1 and long 1", (ref MemoHasher h) => h.Write(1), (ref MemoHasher h) => h.Write(1L)),
        P("int 1 and uint 1", (ref MemoHasher h) => h.Write(1), (ref MemoHasher h) => h.Write(1u)),
        P("float 1 and double 1", (ref MemoHasher h) => h.Write(1f), (ref MemoHasher h) => h.Write(1d)),
        P("bool true and byte 1", (ref MemoHasher h) => h.Write(true), (ref MemoHasher h) => h.Write((byte)1)),
        P("char 'a' and ushort 97", (ref MemoHasher h) => h.Write('a'), (ref MemoHasher h) => h.Write((ushort)97)),
        P("empty array and null", (ref MemoHasher h) => h.WriteArray<int>([]), (ref MemoHasher h) => h.WriteNull()),
        P("empty string and null", (ref MemoHasher h) => h.Write(""), (ref MemoHasher h) => h.Write((string?)null)),
        P("int[] {1} and long[] {1}", (ref MemoHasher h) => h.WriteArray<int>([1]), (ref MemoHasher h) => h.WriteArray<long>([1])),
        P("int[] {1, 2} and a sequence of int 1, int 2",
            (ref MemoHasher h) => h.WriteArray<int>([1, 2]), (ref MemoHasher h) => { h.BeginSequence(2); h.Write(1); h.Write(2); }),
        P("composite (1, 2) and tuple (1, 2)",
            (ref MemoHasher h) => { h.BeginComposite(2); h.Write(1); h.Write(2); },
            (ref MemoHasher h) => { h.BeginTuple(2); h.Write(1); h.Write(2); }),
        P("([1], [2, 3]) and ([1, 2], [3])",
            (ref MemoHasher h) => { h.WriteArray<int>([1]); h.WriteArray<int>([2, 3]); },
            (ref MemoHasher h) => { h.WriteArray<int>([1, 2]); h.WriteArray<int>([3]); }),
        P("double[] {-0.0} and double[] {0.0}: arrays hash by bits",
            (ref MemoHasher h) => h.WriteArray<double>([-0.0]), (ref MemoHasher h) => h.WriteArray<double>([0.0])),
        P("decimal 1.5 and 15", (ref MemoHasher h) => h.Write(1.5m), (ref MemoHasher h) => h.Write(15m)),
        P("decimal 1 and -1", (ref MemoHasher h) => h.Write(1m), (ref MemoHasher h) => h.Write(-1m)),
        P("DateTime and TimeSpan of the same ticks",
            (ref MemoHasher h) => h.Write(new DateTime(1000)), (ref MemoHasher h) => h.Write(new TimeSpan(1000))),
        P("hashable writing int 7 and int 7", (ref MemoHasher h) => h.WriteHashable(new HashableStruct(7)), (ref MemoHasher h) => h.Write(7)),
        P("nothing and null", (ref MemoHasher h) => { }, (ref MemoHasher h) => h.WriteNull()),
    }.Select(p => new TestCaseData(p).SetArgDisplayNames(p.Description));

    [TestCaseSource(nameof(EqualPairs))]
    public void Values_equal_under_their_Equals_hash_alike(Pair pair)
    {
        Assert.That(Hash(pair.Left), Is.EqualTo(Hash(pair.Right)));
    }

    [TestCaseSource(nameof(DistinctPairs))]
    public void Distinct_inputs_hash_differently(Pair pair)
    {
        Assert.That(Hash(pair.Left), Is.Not.EqualTo(Hash(pair.Right)));
    }

    [TestCase(1)]
    [TestCase(85)]
    [TestCase(86)]
    [TestCase(1000)]
    public void Long_strings_are_their_utf8_bytes_across_transcoding_chunks(int repeats)
    {
        // Mixes 1, 2, 3 and 4 byte UTF-8 sequences and lone surrogates, so pairs and replacements straddle chunk ends.
        string text = string.Concat(Enumerable.Repeat("a\u00e9\u20ac\U0001F600\ud800", repeats));
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        byte[] expected = new byte[5 + utf8.Length];
        expected[0] = 0x0e;
        BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(1), (uint)utf8.Length);
        utf8.CopyTo(expected, 5);

        var hasher = new MemoHasher();
        hasher.Write(text);

        Assert.That(hasher.Finish(), Is.EqualTo(StreamHash.Of(expected)));
    }

    // Around the one-pass limit (83 UTF-16 units) and the key buffer's end (256 bytes), after a prefix that leaves the
    // buffer nearly full: the short-string path must spill and encode exactly like the chunked one.
    [TestCase(0, 0)]
    [TestCase(82, 200)]
    [TestCase(83, 200)]
    [TestCase(84, 200)]
    [TestCase(83, 250)]
    [TestCase(30, 251)]
    public void Strings_near_the_buffer_limits_are_their_utf8_bytes(int length, int prefix)
    {
        string text = string.Concat(Enumerable.Range(0, length).Select(i => i % 3 == 0 ? "\u20ac" : i % 3 == 1 ? "\ud800" : "b"));
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        byte[] head = Enumerable.Range(0, prefix).Select(i => (byte)i).ToArray();
        byte[] expected = [.. head, 0x0e, .. BitConverter.GetBytes((uint)utf8.Length), .. utf8, 0x06, 7, 0, 0, 0];

        var hasher = new MemoHasher();
        hasher.WriteRawBytes(head);
        hasher.Write(text);
        hasher.Write(7);

        Assert.That(hasher.Finish(), Is.EqualTo(StreamHash.Of(expected)));
    }
}
