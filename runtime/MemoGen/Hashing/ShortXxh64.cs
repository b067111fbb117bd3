using System;
using System.Buffers.Binary;
using System.IO.Hashing;

namespace MemoGen.Hashing;

/// <summary>
/// XXH64 (seed 0), the same value as <c>System.IO.Hashing.XxHash64</c>: computed here for an input shorter than
/// <see cref="LibraryFrom"/> bytes, by the library for a longer one.
/// </summary>
/// <remarks>
/// Why not the library for short inputs: it is IL only, so a fresh process JIT-compiles about ten of its methods (and
/// loads its assembly) to check the header and payload of the first small disk hit, while this code is precompiled with
/// MemoGen. On a long input that cost is small beside the work, and the library's loop is the one measured.
/// </remarks>
internal static class ShortXxh64
{
    /// <summary>The length from which the library hashes.</summary>
    public const int LibraryFrom = 1024;

    private const ulong Prime1 = 0x9E3779B185EBCA87;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4F;
    private const ulong Prime3 = 0x165667B19E3779F9;
    private const ulong Prime4 = 0x85EBCA77C2B2AE63;
    private const ulong Prime5 = 0x27D4EB2F165667C5;

    /// <summary>XXH64 (seed 0) of <paramref name="input"/>.</summary>
    public static ulong Hash(ReadOnlySpan<byte> input)
    {
        if (input.Length >= LibraryFrom)
        {
            return XxHash64.HashToUInt64(input);
        }

        ulong length = (ulong)input.Length;
        ulong hash;
        if (input.Length >= 32)
        {
            ulong v1 = unchecked(Prime1 + Prime2);
            ulong v2 = Prime2;
            ulong v3 = 0;
            ulong v4 = unchecked(0 - Prime1);
            do
            {
                v1 = Round(v1, Read64(input));
                v2 = Round(v2, Read64(input[8..]));
                v3 = Round(v3, Read64(input[16..]));
                v4 = Round(v4, Read64(input[24..]));
                input = input[32..];
            }
            while (input.Length >= 32);

            hash = ulong.RotateLeft(v1, 1) + ulong.RotateLeft(v2, 7) + ulong.RotateLeft(v3, 12) + ulong.RotateLeft(v4, 18);
            hash = Merge(hash, v1);
            hash = Merge(hash, v2);
            hash = Merge(hash, v3);
            hash = Merge(hash, v4);
        }
        else
        {
            hash = Prime5;
        }

        hash += length;
        while (input.Length >= 8)
        {
            hash ^= Round(0, Read64(input));
            hash = (ulong.RotateLeft(hash, 27) * Prime1) + Prime4;
            input = input[8..];
        }

        if (input.Length >= 4)
        {
            hash ^= BinaryPrimitives.ReadUInt32LittleEndian(input) * Prime1;
            hash = (ulong.RotateLeft(hash, 23) * Prime2) + Prime3;
            input = input[4..];
        }

        foreach (byte value in input)
        {
            hash ^= value * Prime5;
            hash = ulong.RotateLeft(hash, 11) * Prime1;
        }

        return Avalanche(hash);
    }

    /// <summary>XXH64's final mix, which XXH3 also applies to its shortest inputs.</summary>
    public static ulong Avalanche(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= Prime2;
        hash ^= hash >> 29;
        hash *= Prime3;
        return hash ^ (hash >> 32);
    }

    private static ulong Round(ulong accumulator, ulong lane) => ulong.RotateLeft(accumulator + (lane * Prime2), 31) * Prime1;

    private static ulong Merge(ulong hash, ulong accumulator) => ((hash ^ Round(0, accumulator)) * Prime1) + Prime4;

    private static ulong Read64(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt64LittleEndian(bytes);
}
