using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace MemoGen.Hashing;

/// <summary>
/// XXH64 (Yann Collet's 64-bit xxHash), written from the public description of the algorithm. Holds the primitives
/// that the streaming <see cref="DualXxh64"/> shares, and a one-shot hash over a span that serves as its reference.
/// </summary>
internal static class Xxh64
{
    internal const ulong Prime1 = 0x9E3779B185EBCA87;
    internal const ulong Prime2 = 0xC2B2AE3D27D4EB4F;
    internal const ulong Prime3 = 0x165667B19E3779F9;
    internal const ulong Prime4 = 0x85EBCA77C2B2AE63;
    internal const ulong Prime5 = 0x27D4EB2F165667C5;

    /// <summary>The bytes a stripe consumes: one 64-bit lane for each of the four accumulators.</summary>
    internal const int StripeLength = 32;

    /// <summary>Hashes <paramref name="data"/> with <paramref name="seed"/> in one call.</summary>
    internal static ulong Hash(ReadOnlySpan<byte> data, ulong seed)
    {
        ulong hash;
        int offset = 0;
        if (data.Length >= StripeLength)
        {
            InitialAccumulators(seed, out ulong v1, out ulong v2, out ulong v3, out ulong v4);
            int stripeBytes = data.Length & ~(StripeLength - 1);
            for (; offset < stripeBytes; offset += StripeLength)
            {
                ReadOnlySpan<byte> stripe = data.Slice(offset, StripeLength);
                v1 = Round(v1, ReadLane(stripe));
                v2 = Round(v2, ReadLane(stripe[8..]));
                v3 = Round(v3, ReadLane(stripe[16..]));
                v4 = Round(v4, ReadLane(stripe[24..]));
            }

            hash = Converge(v1, v2, v3, v4);
        }
        else
        {
            hash = seed + Prime5;
        }

        return Complete(hash, (ulong)data.Length, data[offset..]);
    }

    /// <summary>The four accumulators before the first stripe.</summary>
    internal static void InitialAccumulators(ulong seed, out ulong v1, out ulong v2, out ulong v3, out ulong v4)
    {
        v1 = seed + Prime1 + Prime2;
        v2 = seed + Prime2;
        v3 = seed;
        v4 = seed - Prime1;
    }

    /// <summary>Mixes one 64-bit input lane into an accumulator.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Round(ulong accumulator, ulong lane) =>
        BitOperations.RotateLeft(accumulator + lane * Prime2, 31) * Prime1;

    /// <summary>Folds the four accumulators into one value, once every stripe is consumed.</summary>
    internal static ulong Converge(ulong v1, ulong v2, ulong v3, ulong v4)
    {
        ulong hash = BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7)
            + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18);
        hash = MergeAccumulator(hash, v1);
        hash = MergeAccumulator(hash, v2);
        hash = MergeAccumulator(hash, v3);
        return MergeAccumulator(hash, v4);
    }

    /// <summary>
    /// Adds the total length, mixes the fewer than 32 bytes left after the last stripe, and avalanches.
    /// <paramref name="hash"/> is the converged accumulators, or seed + <see cref="Prime5"/> for inputs under 32 bytes.
    /// </summary>
    internal static ulong Complete(ulong hash, ulong totalLength, ReadOnlySpan<byte> tail)
    {
        hash += totalLength;
        while (tail.Length >= 8)
        {
            hash ^= Round(0, ReadLane(tail));
            hash = BitOperations.RotateLeft(hash, 27) * Prime1 + Prime4;
            tail = tail[8..];
        }

        if (tail.Length >= 4)
        {
            hash ^= BinaryPrimitives.ReadUInt32LittleEndian(tail) * Prime1;
            hash = BitOperations.RotateLeft(hash, 23) * Prime2 + Prime3;
            tail = tail[4..];
        }

        foreach (byte b in tail)
        {
            hash ^= b * Prime5;
            hash = BitOperations.RotateLeft(hash, 11) * Prime1;
        }

        return Avalanche(hash);
    }

    /// <summary>Reads a little-endian 64-bit lane without a bounds check; the caller guarantees 8 readable bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong ReadLane(ref byte source)
    {
        ulong lane = Unsafe.ReadUnaligned<ulong>(ref source);
        return BitConverter.IsLittleEndian ? lane : BinaryPrimitives.ReverseEndianness(lane);
    }

    private static ulong ReadLane(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadUInt64LittleEndian(source);

    private static ulong MergeAccumulator(ulong hash, ulong accumulator)
    {
        hash ^= Round(0, accumulator);
        return hash * Prime1 + Prime4;
    }

    private static ulong Avalanche(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= Prime2;
        hash ^= hash >> 29;
        hash *= Prime3;
        hash ^= hash >> 32;
        return hash;
    }
}
