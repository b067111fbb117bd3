using System;
using System.Collections.Generic;
using System.IO.Hashing;
using MemoGen.Hashing;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Hashing;

/// <summary>The key stream's hash equals one-shot XXH3-128 over the concatenated bytes, however the bytes are split, inside or beyond its buffer.</summary>
public sealed class StreamingTests
{
    public enum Chunking
    {
        Whole,
        SingleBytes,
        Small,
        AroundStripe,
        MixedWithHuge,
        TaggedValues,
    }

    private static readonly int[] Lengths = [0, 1, 7, 16, 17, 128, 129, 240, 241, 255, 256, 257, 511, 512, 513, 1000, 4099, 70_001];

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (Chunking chunking in Enum.GetValues<Chunking>())
        {
            foreach (int length in Lengths)
            {
                for (int seed = 1; seed <= 3; seed++)
                {
                    yield return new TestCaseData(chunking, length, seed);
                }
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Streamed_hash_equals_one_shot(Chunking chunking, int length, int seed)
    {
        var random = new Random(seed * 7919 + length);
        byte[] data = new byte[length];
        random.NextBytes(data);

        var state = new KeyStream();
        Feed(ref state, data, chunking, random);

        Assert.That(state.Hash(), Is.EqualTo(Xxh128(data)));
    }

    [Test]
    public void Memo_hasher_over_raw_bytes_is_xxh3_128_high_half_first()
    {
        byte[] data = SanityBuffer.Create(1234);
        var hasher = new MemoHasher();
        hasher.WriteRawBytes(data.AsSpan(0, 100));
        hasher.WriteRawBytes(data.AsSpan(100));

        MemoHash128 hash = hasher.Finish();

        UInt128 expected = XxHash128.HashToUInt128(data);
        Assert.That((hash.High, hash.Low), Is.EqualTo(((ulong)(expected >> 64), (ulong)expected)));
    }

    [Test]
    public void Reading_the_hash_midway_leaves_the_stream_unchanged()
    {
        byte[] data = SanityBuffer.Create(700);
        var state = new KeyStream();
        state.Append(data.AsSpan(0, 300));
        Assert.That(state.Hash(), Is.EqualTo(Xxh128(data.AsSpan(0, 300))));

        state.Append(data.AsSpan(300));

        Assert.That(state.Hash(), Is.EqualTo(Xxh128(data)));
    }

    /// <summary>XXH3-128 of <paramref name="data"/>, high half first, as the key stream gives it.</summary>
    private static MemoHash128 Xxh128(ReadOnlySpan<byte> data)
    {
        UInt128 hash = XxHash128.HashToUInt128(data);
        return new MemoHash128((ulong)(hash >> 64), (ulong)hash);
    }

    private static void Feed(ref KeyStream state, ReadOnlySpan<byte> data, Chunking chunking, Random random)
    {
        while (!data.IsEmpty)
        {
            int take = chunking switch
            {
                Chunking.Whole => data.Length,
                Chunking.SingleBytes => 1,
                Chunking.Small => random.Next(0, 18),
                Chunking.AroundStripe => 31 + random.Next(0, 3),
                Chunking.MixedWithHuge => random.Next(4) == 0 ? random.Next(64, 20_000) : random.Next(1, 9),
                Chunking.TaggedValues => 1 + (1 << random.Next(0, 4)),
                _ => throw new ArgumentOutOfRangeException(nameof(chunking)),
            };
            take = Math.Min(take, data.Length);
            ReadOnlySpan<byte> chunk = data[..take];
            if (chunking == Chunking.TaggedValues)
            {
                AppendAsTagged(ref state, chunk);
            }
            else if (take == 1 && random.Next(2) == 0)
            {
                state.Append(chunk[0]);
            }
            else
            {
                state.Append(chunk);
            }

            data = data[take..];
        }
    }

    // Exercises AppendTagged, the path scalar writes take: a tag byte and a 1, 2, 4 or 8 byte payload.
    private static void AppendAsTagged(ref KeyStream state, ReadOnlySpan<byte> chunk)
    {
        byte tag = chunk[0];
        ReadOnlySpan<byte> payload = chunk[1..];
        switch (payload.Length)
        {
            case 1: state.AppendTagged(tag, payload[0]); break;
            case 2: state.AppendTagged(tag, BitConverter.ToUInt16(payload)); break;
            case 4: state.AppendTagged(tag, BitConverter.ToUInt32(payload)); break;
            case 8: state.AppendTagged(tag, BitConverter.ToUInt64(payload)); break;
            default: state.Append(chunk); break;
        }
    }
}
