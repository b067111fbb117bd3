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
        V("null", (ref MemoHasher h) => h.WriteNull(), "00", "e934a84adb052768126bb57a12364aa5"),
        V("bool true", (ref MemoHasher h) => h.Write(true), "01 01", "52fc4823a13c997a0fe8aff59b7cd5bb"),
        V("bool false", (ref MemoHasher h) => h.Write(false), "01 00", "dd8f621dbf7f57f18a5e6f1ddbc6e398"),
        V("sbyte -2", (ref MemoHasher h) => h.Write((sbyte)-2), "02 fe", "7ff08d520578873818acfece628ee81c"),
        V("byte 200", (ref MemoHasher h) => h.Write((byte)200), "03 c8", "8553187ec02442247069510570fb64f1"),
        V("short -2", (ref MemoHasher h) => h.Write((short)-2), "04 feff", "313a4fbc5dd0feb39a0ecf725355e317"),
        V("ushort 0xBEEF", (ref MemoHasher h) => h.Write((ushort)0xBEEF), "05 efbe", "7a135d4a360d8c331c66e4201ea093db"),
        V("int 1", (ref MemoHasher h) => h.Write(1), "06 01000000", "07fb57759c25473f0224058351289332"),
        V("int -1", (ref MemoHasher h) => h.Write(-1), "06 ffffffff", "bab4ac41033edf14dbc4d96d4d0ddbe4"),
        V("uint 0xDEADBEEF", (ref MemoHasher h) => h.Write(0xDEADBEEFu), "07 efbeadde", "65a12756dbef80d4e98430b532e006e8"),
        V("long 1", (ref MemoHasher h) => h.Write(1L), "08 0100000000000000", "bb404f5bf2b20cd3e514b8f252293b7a"),
        V("ulong max", (ref MemoHasher h) => h.Write(ulong.MaxValue), "09 ffffffffffffffff", "34ae662e33fb1791ccbb79fc788f09a6"),
        V("char 'é' (U+00E9)", (ref MemoHasher h) => h.Write('\u00e9'), "0a e900", "5e121aba5554155071f51798ecd558f8"),
        V("float 1.5", (ref MemoHasher h) => h.Write(1.5f), "0b 0000c03f", "61af71d819a1dddebfcba455f2babc7a"),
        V("float NaN", (ref MemoHasher h) => h.Write(float.NaN), "0b 0000c0ff", "bfb158677b83fdd4f4776eb586f507af"),
        V("double 1.5", (ref MemoHasher h) => h.Write(1.5), "0c 000000000000f83f", "85aa9a53a7db715eab70ebccfa16e568"),
        V("double -0.0 (as +0.0)", (ref MemoHasher h) => h.Write(-0.0), "0c 0000000000000000", "ab0c843ddffd681e3af8872e1157fd79"),
        V("double NaN", (ref MemoHasher h) => h.Write(double.NaN), "0c 000000000000f8ff", "7b55c85f1025fbe769f0cdc42cd9079a"),
        V("decimal 1.5", (ref MemoHasher h) => h.Write(1.5m), "0d 0f000000 00000000 00000000 00000100", "43b808de699065c37ee0b65f5ad8f15f"),
        V("decimal -1.50 (as -1.5)", (ref MemoHasher h) => h.Write(-1.50m), "0d 0f000000 00000000 00000000 00000180", "b782bada820c4028a69af4cbbf456c18"),
        V("decimal 100 (scale 0, not trimmed)", (ref MemoHasher h) => h.Write(100m), "0d 64000000 00000000 00000000 00000000", "eb211f59fca1edd7cd3e6c1a4ae11ce5"),
        V("decimal max", (ref MemoHasher h) => h.Write(decimal.MaxValue), "0d ffffffff ffffffff ffffffff 00000000", "86130bd6cb463898eecb538d4dfeb308"),
        V("string \"héllo\"", (ref MemoHasher h) => h.Write("héllo"), "0e 06000000 68c3a96c6c6f", "04303438f18628ce724170d32ac6e26b"),
        V("string empty", (ref MemoHasher h) => h.Write(""), "0e 00000000", "fe507a12b1e95c6ca650ba14a9d2ed3b"),
        V("string null", (ref MemoHasher h) => h.Write((string?)null), "00", "e934a84adb052768126bb57a12364aa5"),
        V("string \"a\" + lone high surrogate (as U+FFFD)", (ref MemoHasher h) => h.Write("a\ud800"), "0e 04000000 61efbfbd", "24ed846ef980ddc7064eefbaa756dd93"),
        V("DateTime 2024-01-02T03:04:05", (ref MemoHasher h) => h.Write(new DateTime(2024, 1, 2, 3, 4, 5)), "11 80c0bf7a3f0bdc08", "aab340f481ad3fee1469ab483ea15654"),
        V("DateTimeOffset 2024-01-02T03:04:05+02:00",
            (ref MemoHasher h) => h.Write(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))), "12 80f036b72e0bdc08", "4dfb81e8352c9c79fff226bc51156f87"),
        V("TimeSpan 90 minutes", (ref MemoHasher h) => h.Write(TimeSpan.FromMinutes(90)), "13 009ca6920c000000", "0b95247d2630f1a035a0cfbd7ce8396d"),
        V("Guid 00112233-4455-6677-8899-aabbccddeeff",
            (ref MemoHasher h) => h.Write(new Guid("00112233-4455-6677-8899-aabbccddeeff")), "14 33221100 5544 7766 8899aabbccddeeff", "23ec34463f46be8812e74d9527c69cbc"),
        V("DateOnly 2024-01-02", (ref MemoHasher h) => h.Write(new DateOnly(2024, 1, 2)), "15 46460b00", "436443a5c212132942e555a850566a47"),
        V("TimeOnly 13:45:30", (ref MemoHasher h) => h.Write(new TimeOnly(13, 45, 30)), "16 00392e5273000000", "1d052e9a8a5c308831e5090cb7f1e2e9"),
        A("int[] {1, 2, 3}", (ref MemoHasher h) => h.WriteArray<int>([1, 2, 3]), 0x06, 3, "01000000 02000000 03000000", "f55a33ec1662d72a1db00879bdc60dea"),
        A("int[] {}", (ref MemoHasher h) => h.WriteArray<int>([]), 0x06, 0, "", "881c60aff7460b6158d801903d22d129"),
        A("bool[] {true, false}", (ref MemoHasher h) => h.WriteArray<bool>([true, false]), 0x01, 2, "0100", "a99940a400b8f16f252ad6d28eef00f9"),
        A("char[] \"hi\"", (ref MemoHasher h) => h.WriteArray("hi".AsSpan()), 0x0a, 2, "68006900", "15bf431aa12b45d57952acf1a7fc5bfa"),
        A("float[] {-0.0} (bits kept)", (ref MemoHasher h) => h.WriteArray<float>([-0.0f]), 0x0b, 1, "00000080", "af993ab25a026cebb2f3d180b208037e"),
        new("double[1000] {0, 0.25, 0.5, ...}", (ref MemoHasher h) => h.WriteArray<double>(QuarterSteps), DoubleArrayEncoding(QuarterSteps), "5ef97e59f876e250f22e270e64406eb3"),
        V("sequence of strings \"a\", \"b\"",
            (ref MemoHasher h) => { h.BeginSequence(2); h.Write("a"); h.Write("b"); },
            "21 02000000 0e 01000000 61 0e 01000000 62", "4cf4025b88b9fb1b084ff1a22a23d2d6"),
        V("record (Id 3, Name \"p\", Weight 0.5)",
            (ref MemoHasher h) => new Sample(3, "p", 0.5).WriteComposite(ref h),
            "30 03000000 06 03000000 0e 01000000 70 0c 000000000000e03f", "57696212746bc61481b80bf8556a0dfc"),
        V("tuple (1, 2.0)",
            (ref MemoHasher h) => { h.BeginTuple(2); h.Write(1); h.Write(2.0); },
            "31 02000000 06 01000000 0c 0000000000000040", "a8ba620be69976c25170116463a3690b"),
        V("hashable struct writing int 7", (ref MemoHasher h) => h.WriteHashable(new HashableStruct(7)), "40 06 07000000", "07487a0e852d4b76439fae467778726e"),
        V("hashable class writing string \"x\"", (ref MemoHasher h) => h.WriteHashable(new HashableClass("x")), "40 0e 01000000 78", "bfd24ecc7969e060430f9dd1ea943d80"),
        V("hashable class null", (ref MemoHasher h) => h.WriteHashable((HashableClass?)null), "00", "e934a84adb052768126bb57a12364aa5"),
        V("digest 0123456789abcdef fedcba9876543210",
            (ref MemoHasher h) => h.Write(new MemoHash128(0x0123456789abcdefUL, 0xfedcba9876543210UL)),
            "50 efcdab8967452301 1032547698badcfe", "0a1d69fce40b9bb1c9a79a1d2cfef808"),
        V("stream (int 42, string \"abc\", double 0.5)",
            (ref MemoHasher h) => { h.Write(42); h.Write("abc"); h.Write(0.5); },
            "06 2a000000 0e 03000000 616263 0c 000000000000e03f", "958f9bd7e7cfbcb2cf2c53685672cd87"),
    ];

    public static IEnumerable<TestCaseData> Vectors() =>
        Table.Select(v => new TestCaseData(v).SetArgDisplayNames(v.Description));

    [TestCaseSource(nameof(Vectors))]
    public void Writes_encode_to_the_specified_bytes(Vector vector)
    {
        var hasher = new MemoHasher();
        vector.Write(ref hasher);

        MemoHash128 expected = new(Xxh64.Hash(vector.Encoding, 0), Xxh64.Hash(vector.Encoding, 0x9E3779B97F4A7C15));
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
