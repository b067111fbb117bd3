using System;
using System.Buffers.Binary;
using System.IO.Hashing;
using MemoGen.Hashing;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Hashing;

/// <summary>
/// MemoGen's own short-input XXH3-128 and XXH64 give System.IO.Hashing's value for every length they take, on random
/// bytes and on bytes with every bit set (which would show a lost carry or a wrong secret offset).
/// </summary>
public sealed class ShortHashTests
{
    [Test]
    public void Xxh3_128_equals_the_library_for_every_short_length()
    {
        var random = new Random(11);
        for (int length = 0; length <= ShortXxh3.MaxLength; length++)
        {
            foreach (byte[] input in Inputs(random, length))
            {
                Assert.That(ShortXxh3.Hash(input), Is.EqualTo(LibraryXxh3(input)), $"length {length}");
            }
        }
    }

    [Test]
    public void Xxh64_equals_the_library_below_and_above_where_it_hands_over()
    {
        var random = new Random(12);
        for (int length = 0; length <= ShortXxh64.LibraryFrom + 40; length++)
        {
            foreach (byte[] input in Inputs(random, length))
            {
                Assert.That(ShortXxh64.Hash(input), Is.EqualTo(XxHash64.HashToUInt64(input)), $"length {length}");
            }
        }
    }

    [Test]
    public void A_key_hashed_in_one_shot_equals_the_same_key_past_the_short_limit_streamed()
    {
        // Two keys whose streams straddle ShortXxh3.MaxLength: both must equal XXH3-128 of their bytes.
        foreach (int chars in new[] { 200, 240, 250 })
        {
            string text = new('k', chars);
            var hasher = new MemoHasher();
            hasher.Write(text);
            byte[] stream = new byte[1 + 4 + chars];
            stream[0] = MemoTag.String;
            BinaryPrimitives.WriteUInt32LittleEndian(stream.AsSpan(1), (uint)chars);
            stream.AsSpan(5).Fill((byte)'k');
            Assert.That(hasher.Finish(), Is.EqualTo(LibraryXxh3(stream)), $"{chars} characters");
        }
    }

    private static MemoHash128 LibraryXxh3(byte[] input)
    {
        byte[] canonical = XxHash128.Hash(input);
        return new MemoHash128(BinaryPrimitives.ReadUInt64BigEndian(canonical), BinaryPrimitives.ReadUInt64BigEndian(canonical.AsSpan(8)));
    }

    private static byte[][] Inputs(Random random, int length)
    {
        byte[] randomBytes = new byte[length];
        random.NextBytes(randomBytes);
        byte[] ones = new byte[length];
        ones.AsSpan().Fill(0xFF);
        return [randomBytes, ones];
    }
}
