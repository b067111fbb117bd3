using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using MemoGen.Hashing;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Hashing;

/// <summary>
/// The pinned test vectors of docs/key-hash.md. Each row gives what is written, the canonical bytes the specification
/// says it encodes to, and the hash of those bytes. A change to the encoding or the hash fails here.
/// </summary>
public sealed class EncodingVectorTests
{
    public delegate void Writer(ref MemoHasher hasher);

    public sealed record Vector(string Description, Writer Write, byte[] Encoding, string Hash)
    {
        public override string ToString() => Description;
    }

    private static readonly double[] QuarterSteps = Enumerable.Range(0, 1000).Select(i => i * 0.25).ToArray();

    private static readonly Vector[] Table =
    [
        V("null", (ref MemoHasher h) => h.WriteNull(), "00", "a6cd5e9392000f6ac44bdff4074eecdb"),
        V("bool true", (ref MemoHasher h) => h.Write(true), "01 01", "50e58cbd6ada00a1070d80d6a76865f3"),
        V("bool false", (ref MemoHasher h) => h.Write(false), "01 00", "4d6ac5b7d1a1655cab94ac0ace7276c0"),
        V("sbyte -2", (ref MemoHasher h) => h.Write((sbyte)-2), "02 fe", "2d07d94cfb421431c8940a46af057727"),
        V("byte 200", (ref MemoHasher h) => h.Write((byte)200), "03 c8", "e11f2e4b842de2d3dceff910c639b2e9"),
        V("short -2", (ref MemoHasher h) => h.Write((short)-2), "04 feff", "7cce0156b805d98ce132557d4ffb4bc9"),
        V("ushort 0xBEEF", (ref MemoHasher h) => h.Write((ushort)0xBEEF), "05 efbe", "3068e42a73b7d3dc29b499db7e2b8959"),
        V("int 1", (ref MemoHasher h) => h.Write(1), "06 01000000", "4403c28ed78a0911afaadb184ce76c21"),
        V("int -1", (ref MemoHasher h) => h.Write(-1), "06 ffffffff", "415578c728536d4661218cce196d7346"),
        V("uint 0xDEADBEEF", (ref MemoHasher h) => h.Write(0xDEADBEEFu), "07 efbeadde", "ea458e7acb737fc51ade4c3837877fa2"),
        V("long 1", (ref MemoHasher h) => h.Write(1L), "08 0100000000000000", "39402d9dd04214bb81ea55122fad95a2"),
        V("ulong max", (ref MemoHasher h) => h.Write(ulong.MaxValue), "09 ffffffffffffffff", "43f012187a96a02eb44458c6f64252d8"),
        V("char 'é' (U+00E9)", (ref MemoHasher h) => h.Write('\u00e9'), "0a e900", "c6b3513db6360dab99bfa88d43311323"),
        V("float 1.5", (ref MemoHasher h) => h.Write(1.5f), "0b 0000c03f", "c1421607c799bb3c0b177c9ce22d32da"),
        V("float NaN", (ref MemoHasher h) => h.Write(float.NaN), "0b 0000c0ff", "0b4eb2334145f9c737a187a61b558827"),
        V("double 1.5", (ref MemoHasher h) => h.Write(1.5), "0c 000000000000f83f", "8cef8be076b9c813e760fcc5e90dee18"),
        V("double -0.0 (as +0.0)", (ref MemoHasher h) => h.Write(-0.0), "0c 0000000000000000", "839f51ad3f75546003d65d0fe6975d48"),
        V("double NaN", (ref MemoHasher h) => h.Write(double.NaN), "0c 000000000000f8ff", "38ae4bf817a16722034c7a354f5cdf97"),
        V("decimal 1.5", (ref MemoHasher h) => h.Write(1.5m), "0d 0f000000 00000000 00000000 00000100", "2f6fc16a34e23496e844d9ff0c576a9b"),
        V("decimal -1.50 (as -1.5)", (ref MemoHasher h) => h.Write(-1.50m), "0d 0f000000 00000000 00000000 00000180", "323eff99b8f122b3db7470aba7c02c9c"),
        V("decimal 100 (scale 0, not trimmed)", (ref MemoHasher h) => h.Write(100m), "0d 64000000 00000000 00000000 00000000", "ce6324b346408a960cb87f3ec1713926"),
        V("decimal max", (ref MemoHasher h) => h.Write(decimal.MaxValue), "0d ffffffff ffffffff ffffffff 00000000", "a66ffecc096bd3e7b5ae16818db01eae"),
        V("string \"héllo\"", (ref MemoHasher h) => h.Write("héllo"), "0e 06000000 68c3a96c6c6f", "2ab792b170a595087b59216abfcec3b2"),
        V("string empty", (ref MemoHasher h) => h.Write(""), "0e 00000000", "be44a21c14e6415cdf97cc9cbcc287fd"),
        V("string null", (ref MemoHasher h) => h.Write((string?)null), "00", "a6cd5e9392000f6ac44bdff4074eecdb"),
        V("string \"a\" + lone high surrogate (as U+FFFD)", (ref MemoHasher h) => h.Write("a\ud800"), "0e 04000000 61efbfbd", "1bdc96ccb54ace514895a2b55226ebab"),
        V("DateTime 2024-01-02T03:04:05", (ref MemoHasher h) => h.Write(new DateTime(2024, 1, 2, 3, 4, 5)), "11 80c0bf7a3f0bdc08", "6d50493943173283463faf4e9bb8be69"),
        V("DateTimeOffset 2024-01-02T03:04:05+02:00",
            (ref MemoHasher h) => h.Write(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))), "12 80f036b72e0bdc08", "7c38e6c448c6b2332e168ff9d3535ee8"),
        V("TimeSpan 90 minutes", (ref MemoHasher h) => h.Write(TimeSpan.FromMinutes(90)), "13 009ca6920c000000", "36402c6c183ca72c6dc3ec3b525c70e4"),
        V("Guid 00112233-4455-6677-8899-aabbccddeeff",
            (ref MemoHasher h) => h.Write(new Guid("00112233-4455-6677-8899-aabbccddeeff")), "14 33221100 5544 7766 8899aabbccddeeff", "1642ff93f5ebc2a8e442e245603fe8d4"),
        V("DateOnly 2024-01-02", (ref MemoHasher h) => h.Write(new DateOnly(2024, 1, 2)), "15 46460b00", "0a2d3900a8bad6d9fcc0ada604c7f772"),
        V("TimeOnly 13:45:30", (ref MemoHasher h) => h.Write(new TimeOnly(13, 45, 30)), "16 00392e5273000000", "3a8f9d5afe6f0049f3e0022d237042fc"),
        A("int[] {1, 2, 3}", (ref MemoHasher h) => h.WriteArray<int>([1, 2, 3]), 0x06, 3, "01000000 02000000 03000000", "7b60fb08703a9f9aaeaade23fefa6c6b"),
        A("int[] {}", (ref MemoHasher h) => h.WriteArray<int>([]), 0x06, 0, "", "6551a546744d3286bce124ab3b2400dd"),
        A("bool[] {true, false}", (ref MemoHasher h) => h.WriteArray<bool>([true, false]), 0x01, 2, "0100", "e4b2ec5a0c4c696499c9b05d7c305e5e"),
        A("char[] \"hi\"", (ref MemoHasher h) => h.WriteArray("hi".AsSpan()), 0x0a, 2, "68006900", "c61dd914543e0b2b33cdd57d3aee5541"),
        A("float[] {-0.0} (bits kept)", (ref MemoHasher h) => h.WriteArray<float>([-0.0f]), 0x0b, 1, "00000080", "fa37095762c5baff968be97fe5fd6198"),
        new("double[1000] {0, 0.25, 0.5, ...}", (ref MemoHasher h) => h.WriteArray<double>(QuarterSteps), DoubleArrayEncoding(QuarterSteps), "1c1e787ddf6643808c505ed5bc22a456"),
        V("sequence of strings \"a\", \"b\"",
            (ref MemoHasher h) => { h.BeginSequence(2); h.Write("a"); h.Write("b"); },
            "21 02000000 0e 01000000 61 0e 01000000 62", "b04b311e2d19fba006721c022e076d85"),
        V("record (Id 3, Name \"p\", Weight 0.5)",
            (ref MemoHasher h) => new Sample(3, "p", 0.5).WriteComposite(ref h),
            "30 03000000 06 03000000 0e 01000000 70 0c 000000000000e03f", "6f80e8ba3b623f55cd6a04468de23526"),
        V("tuple (1, 2.0)",
            (ref MemoHasher h) => { h.BeginTuple(2); h.Write(1); h.Write(2.0); },
            "31 02000000 06 01000000 0c 0000000000000040", "ac81b566eb65a47782f6d04bfacf9621"),
        V("hashable struct writing int 7", (ref MemoHasher h) => h.WriteHashable(new HashableStruct(7)), "40 06 07000000", "d61ee68d3b951aa86e37c325d4c22c17"),
        V("hashable class writing string \"x\"", (ref MemoHasher h) => h.WriteHashable(new HashableClass("x")), "40 0e 01000000 78", "62515e9b2ae37f8ffeee40d4352c70a4"),
        V("hashable class null", (ref MemoHasher h) => h.WriteHashable((HashableClass?)null), "00", "a6cd5e9392000f6ac44bdff4074eecdb"),
        V("digest 0123456789abcdef fedcba9876543210",
            (ref MemoHasher h) => h.Write(new MemoHash128(0x0123456789abcdefUL, 0xfedcba9876543210UL)),
            "50 efcdab8967452301 1032547698badcfe", "b7d71521841b32ecf28d01ba2bdb5988"),
        V("stream (int 42, string \"abc\", double 0.5)",
            (ref MemoHasher h) => { h.Write(42); h.Write("abc"); h.Write(0.5); },
            "06 2a000000 0e 03000000 616263 0c 000000000000e03f", "b35afcb00a5e9c3c9e2be5609ef3cda8"),
    ];

    public static IEnumerable<TestCaseData> Vectors() =>
        Table.Select(v => new TestCaseData(v).SetArgDisplayNames(v.Description));

    [TestCaseSource(nameof(Vectors))]
    public void Writes_encode_to_the_specified_bytes(Vector vector)
    {
        var hasher = new MemoHasher();
        vector.Write(ref hasher);

        MemoHash128 expected = StreamHash.Of(vector.Encoding);
        Assert.That(hasher.Finish(), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Vectors))]
    public void Hash_is_pinned(Vector vector)
    {
        var hasher = new MemoHasher();
        vector.Write(ref hasher);

        Assert.That(hasher.Finish().ToString(), Is.EqualTo(vector.Hash));
    }

    [Test]
    public void HashArray_is_the_hash_of_the_array_alone()
    {
        Vector row = Table.Single(v => v.Description.StartsWith("double[1000]", StringComparison.Ordinal));

        Assert.That(MemoHasher.HashArray<double>(QuarterSteps).ToString(), Is.EqualTo(row.Hash));
    }

    [Test]
    public void Xxh3_128_matches_the_reference_vector_for_empty_input()
    {
        // XXH3_128bits("", seed 0) from the xxHash reference implementation: the library is the one the format names.
        Assert.That(System.IO.Hashing.XxHash128.HashToUInt128([]), Is.EqualTo(new UInt128(0x99aa06d3014798d8, 0x6001c324468d497f)));
    }

    [Test]
    public void Canonical_NaN_bits_are_those_of_float_NaN_and_double_NaN()
    {
        Assert.That(
            (BitConverter.SingleToUInt32Bits(float.NaN), BitConverter.DoubleToUInt64Bits(double.NaN)),
            Is.EqualTo((0xFFC00000u, 0xFFF8000000000000UL)));
    }

    private static Vector V(string description, Writer write, string encodingHex, string hash) =>
        new(description, write, FromHex(encodingHex), hash);

    // An array row: its element bytes are listed, its encoding carries their XXH3-128 digest (key hash format 2).
    private static Vector A(string description, Writer write, byte elementTag, ulong count, string elementBytesHex, string hash) =>
        new(description, write, ArrayContentDigest.Encoding(elementTag, count, FromHex(elementBytesHex)), hash);

    private static byte[] FromHex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    private static byte[] DoubleArrayEncoding(double[] values)
    {
        var bytes = new byte[8 * values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        }

        return ArrayContentDigest.Encoding(0x0c, (ulong)values.Length, bytes);
    }

    /// <summary>A record as the generator writes it: a composite of its members in declaration order.</summary>
    private sealed record Sample(int Id, string Name, double Weight)
    {
        public void WriteComposite(ref MemoHasher hasher)
        {
            hasher.BeginComposite(3);
            hasher.Write(Id);
            hasher.Write(Name);
            hasher.Write(Weight);
        }
    }
}
