using System;
using System.Buffers.Binary;

namespace MemoGen.Hashing;

/// <summary>
/// XXH3-128 (seed 0, the default secret) of an input of at most <see cref="MaxLength"/> bytes: the short-input paths
/// of xxHash's reference implementation, which give the same value as <c>System.IO.Hashing.XxHash128</c>.
/// </summary>
/// <remarks>
/// Why not the library for these: it is IL only, so a fresh process JIT-compiles about twenty of its methods (and loads
/// its assembly) to hash the first small key, while this code is precompiled with MemoGen. Longer inputs go to the
/// library, where that cost is small beside the work.
/// </remarks>
internal static class ShortXxh3
{
    /// <summary>The longest input hashed here: XXH3's mid-size limit.</summary>
    public const int MaxLength = 240;

    private const ulong Prime32_2 = 0x85EBCA77;
    private const ulong Prime64_1 = 0x9E3779B185EBCA87;
    private const ulong Prime64_2 = 0xC2B2AE3D27D4EB4F;
    private const ulong Prime64_3 = 0x165667B19E3779F9;
    private const ulong Prime64_4 = 0x85EBCA77C2B2AE63;
    private const ulong PrimeMx1 = 0x165667919E3779F9;
    private const ulong PrimeMx2 = 0x9FB21C651E98DF25;

    /// <summary>The first 136 bytes of XXH3's default secret (<c>XXH3_kSecret</c>): all the short paths read.</summary>
    private static ReadOnlySpan<byte> Secret =>
    [
        0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
        0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
        0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
        0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
        0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb, 0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3,
        0x71, 0x64, 0x48, 0x97, 0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
        0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7, 0xc7, 0x0b, 0x4f, 0x1d,
        0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31, 0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64,
        0xea, 0xc5, 0xac, 0x83, 0x34, 0xd3, 0xeb, 0xc3,
    ];

    /// <summary>XXH3-128 of <paramref name="input"/> (at most <see cref="MaxLength"/> bytes), as its high and low halves.</summary>
    public static MemoHash128 Hash(ReadOnlySpan<byte> input)
    {
        int length = input.Length;
        if (length > 128)
        {
            return Hash129To240(input);
        }

        if (length > 16)
        {
            return Hash17To128(input);
        }

        if (length > 8)
        {
            return Hash9To16(input);
        }

        if (length >= 4)
        {
            return Hash4To8(input);
        }

        if (length > 0)
        {
            return Hash1To3(input);
        }

        return new MemoHash128(
            ShortXxh64.Avalanche(Read64(Secret[80..]) ^ Read64(Secret[88..])),
            ShortXxh64.Avalanche(Read64(Secret[64..]) ^ Read64(Secret[72..])));
    }

    private static MemoHash128 Hash1To3(ReadOnlySpan<byte> input)
    {
        int length = input.Length;
        uint combinedLow = ((uint)input[0] << 16) | ((uint)input[length >> 1] << 24) | input[length - 1] | ((uint)length << 8);
        uint combinedHigh = uint.RotateLeft(BinaryPrimitives.ReverseEndianness(combinedLow), 13);
        ulong bitflipLow = Read32(Secret) ^ Read32(Secret[4..]);
        ulong bitflipHigh = Read32(Secret[8..]) ^ Read32(Secret[12..]);
        return new MemoHash128(ShortXxh64.Avalanche(combinedHigh ^ bitflipHigh), ShortXxh64.Avalanche(combinedLow ^ bitflipLow));
    }

    private static MemoHash128 Hash4To8(ReadOnlySpan<byte> input)
    {
        int length = input.Length;
        ulong combined = Read32(input) + ((ulong)Read32(input[(length - 4)..]) << 32);
        ulong keyed = combined ^ (Read64(Secret[16..]) ^ Read64(Secret[24..]));
        ulong high = Math.BigMul(keyed, Prime64_1 + ((ulong)length << 2), out ulong low);
        high += low << 1;
        low ^= high >> 3;
        low = XorShift(low, 35);
        low *= PrimeMx2;
        low = XorShift(low, 28);
        return new MemoHash128(Xxh3Avalanche(high), low);
    }

    private static MemoHash128 Hash9To16(ReadOnlySpan<byte> input)
    {
        int length = input.Length;
        ulong bitflipLow = Read64(Secret[32..]) ^ Read64(Secret[40..]);
        ulong bitflipHigh = Read64(Secret[48..]) ^ Read64(Secret[56..]);
        ulong inputLow = Read64(input);
        ulong inputHigh = Read64(input[(length - 8)..]);
        ulong mHigh = Math.BigMul(inputLow ^ inputHigh ^ bitflipLow, Prime64_1, out ulong mLow);
        mLow += (ulong)(length - 1) << 54;
        inputHigh ^= bitflipHigh;
        mHigh += inputHigh + ((uint)inputHigh * (Prime32_2 - 1));
        mLow ^= BinaryPrimitives.ReverseEndianness(mHigh);
        ulong high = Math.BigMul(mLow, Prime64_2, out ulong low);
        high += mHigh * Prime64_2;
        return new MemoHash128(Xxh3Avalanche(high), Xxh3Avalanche(low));
    }

    private static MemoHash128 Hash17To128(ReadOnlySpan<byte> input)
    {
        int length = input.Length;
        ulong low = (ulong)length * Prime64_1;
        ulong high = 0;
        if (length > 32)
        {
            if (length > 64)
            {
                if (length > 96)
                {
                    Mix32(ref low, ref high, input[48..], input[(length - 64)..], Secret[96..]);
                }

                Mix32(ref low, ref high, input[32..], input[(length - 48)..], Secret[64..]);
            }

            Mix32(ref low, ref high, input[16..], input[(length - 32)..], Secret[32..]);
        }

        Mix32(ref low, ref high, input, input[(length - 16)..], Secret);
        return Finish(low, high, length);
    }

    private static MemoHash128 Hash129To240(ReadOnlySpan<byte> input)
    {
        const int MidSizeStartOffset = 3;
        const int MidSizeLastOffset = 17;
        int length = input.Length;
        int rounds = length / 32;
        ulong low = (ulong)length * Prime64_1;
        ulong high = 0;
        for (int i = 0; i < 4; i++)
        {
            Mix32(ref low, ref high, input[(32 * i)..], input[((32 * i) + 16)..], Secret[(32 * i)..]);
        }

        low = Xxh3Avalanche(low);
        high = Xxh3Avalanche(high);
        for (int i = 4; i < rounds; i++)
        {
            Mix32(ref low, ref high, input[(32 * i)..], input[((32 * i) + 16)..], Secret[(MidSizeStartOffset + (32 * (i - 4)))..]);
        }

        Mix32(ref low, ref high, input[(length - 16)..], input[(length - 32)..], Secret[(136 - MidSizeLastOffset - 16)..]);
        return Finish(low, high, length);
    }

    private static MemoHash128 Finish(ulong low, ulong high, int length)
    {
        ulong resultLow = low + high;
        ulong resultHigh = (low * Prime64_1) + (high * Prime64_4) + ((ulong)length * Prime64_2);
        return new MemoHash128(0 - Xxh3Avalanche(resultHigh), Xxh3Avalanche(resultLow));
    }

    private static void Mix32(ref ulong low, ref ulong high, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> secret)
    {
        low += Mix16(first, secret);
        low ^= Read64(second) + Read64(second[8..]);
        high += Mix16(second, secret[16..]);
        high ^= Read64(first) + Read64(first[8..]);
    }

    private static ulong Mix16(ReadOnlySpan<byte> input, ReadOnlySpan<byte> secret)
    {
        ulong high = Math.BigMul(Read64(input) ^ Read64(secret), Read64(input[8..]) ^ Read64(secret[8..]), out ulong low);
        return low ^ high;
    }

    private static ulong Xxh3Avalanche(ulong hash)
    {
        hash = XorShift(hash, 37);
        hash *= PrimeMx1;
        return XorShift(hash, 32);
    }

    private static ulong XorShift(ulong value, int shift) => value ^ (value >> shift);

    private static ulong Read64(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt64LittleEndian(bytes);

    private static uint Read32(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt32LittleEndian(bytes);
}
