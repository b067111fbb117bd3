using System;
using System.Buffers.Binary;
using System.IO.Hashing;

namespace MemoGen.RuntimeTests.Hashing;

/// <summary>
/// The 16 bytes key hash format 2 writes for an array's content: XXH3-128 (seed 0, System.IO.Hashing) of the raw
/// little-endian element bytes, its high 64 bits then its low 64 bits, each little-endian.
/// </summary>
internal static class ArrayContentDigest
{
    public static byte[] Of(ReadOnlySpan<byte> elementBytes)
    {
        UInt128 hash = XxHash128.HashToUInt128(elementBytes);
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)(hash >> 64));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), (ulong)hash);
        return bytes;
    }

    /// <summary>An array's encoding: 0x20, the element tag, the uint64 count, then the content digest.</summary>
    public static byte[] Encoding(byte elementTag, ulong count, ReadOnlySpan<byte> elementBytes)
    {
        var bytes = new byte[26];
        bytes[0] = 0x20;
        bytes[1] = elementTag;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(2), count);
        Of(elementBytes).CopyTo(bytes, 10);
        return bytes;
    }
}
