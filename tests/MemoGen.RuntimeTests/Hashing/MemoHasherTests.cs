using System;
using MemoGen.Hashing;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Hashing;

public sealed class MemoHasherTests
{
    [TestCase(0x0123456789abcdefUL, 0xfedcba9876543210UL, "0123456789abcdeffedcba9876543210")]
    [TestCase(1UL, 2UL, "00000000000000010000000000000002")]
    [TestCase(ulong.MaxValue, 0UL, "ffffffffffffffff0000000000000000")]
    public void A_hash_is_named_by_32_lowercase_hex_digits_high_half_first(ulong high, ulong low, string name)
    {
        Assert.That(new MemoHash128(high, low).ToString(), Is.EqualTo(name));
    }

    [Test]
    public void Default_hasher_refuses_to_finish()
    {
        Assert.Throws<InvalidOperationException>(() =>
        {
            MemoHasher hasher = default;
            hasher.Write(1);
            hasher.Finish();
        });
    }

    [Test]
    public void Finish_may_be_called_once()
    {
        Assert.Throws<InvalidOperationException>(() =>
        {
            var hasher = new MemoHasher();
            hasher.Finish();
            hasher.Finish();
        });
    }

    [Test]
    public void WriteArray_rejects_types_outside_the_primitive_table()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => MemoHasher.HashArray<decimal>([1m]));
            Assert.Throws<ArgumentException>(() => MemoHasher.HashArray<DateTime>([]));
            Assert.Throws<ArgumentException>(() => MemoHasher.HashArray<nint>([1]));
            Assert.Throws<ArgumentException>(() => MemoHasher.HashArray<Guid>([Guid.Empty]));
        });
    }

    [Test]
    public void Negative_counts_are_rejected()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new MemoHasher().BeginSequence(-1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new MemoHasher().BeginComposite(-1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new MemoHasher().BeginTuple(-1));
        });
    }

    [Test]
    public void A_large_array_after_an_unaligned_prefix_enters_the_stream_as_its_content_digest()
    {
        var random = new Random(42);
        double[] values = new double[100_003];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble();
        }

        var hasher = new MemoHasher();
        hasher.Write((byte)9);
        hasher.WriteArray<double>(values);
        hasher.Write(true);

        byte[] expected = [0x03, 9, .. ArrayContentDigest.Encoding(0x0c, (ulong)values.Length, ToLittleEndianBytes(values)), 0x01, 1];
        Assert.That(hasher.Finish(), Is.EqualTo(StreamHash.Of(expected)));
    }

    [Test]
    public void Writing_keys_allocates_nothing()
    {
        int[] numbers = [1, 2, 3, 4, 5];
        WriteKey(numbers);
        long before = GC.GetAllocatedBytesForCurrentThread();

        for (int i = 0; i < 100; i++)
        {
            WriteKey(numbers);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    private static MemoHash128 WriteKey(int[] numbers)
    {
        var hasher = new MemoHasher();
        hasher.Write(42);
        hasher.Write(3.5);
        hasher.Write(12.50m);
        hasher.Write("a string long enough to cross a stripe boundary or two");
        hasher.Write(new Guid(7, 8, 9, 1, 2, 3, 4, 5, 6, 7, 8));
        hasher.Write(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero));
        hasher.WriteArray<int>(numbers);
        hasher.BeginTuple(2);
        hasher.WriteHashable(new HashableStruct(1));
        hasher.WriteNull();
        return hasher.Finish();
    }

    private static byte[] ToLittleEndianBytes(double[] values)
    {
        byte[] bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return bytes;
    }
}
