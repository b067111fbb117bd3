using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace MemoGen.Postgres;

/// <summary>
/// The content addresses of the chunk store: XXH3-128 of a chunk's bytes (16 bytes), and of a payload the XXH3-128 of
/// its length and its chunks' addresses in order (so the payload's bytes are hashed once, not twice). Entries written
/// before carry SHA-256 addresses (32 bytes) and still verify. Why 128 non-cryptographic bits are enough: docs/postgres.md.
/// </summary>
internal static class ChunkHash
{
    /// <summary>The address of a chunk of <paramref name="data"/>.</summary>
    public static byte[] Of(ReadOnlySpan<byte> data) => XxHash128.Hash(data);

    /// <summary>Whether <paramref name="data"/> has the address <paramref name="expected"/> (XXH3-128, or SHA-256 for older chunks).</summary>
    public static bool Matches(ReadOnlySpan<byte> data, ReadOnlySpan<byte> expected) =>
        expected.Length == SHA256.HashSizeInBytes
            ? SHA256.HashData(data).AsSpan().SequenceEqual(expected)
            : XxHash128.Hash(data).AsSpan().SequenceEqual(expected);

    /// <summary>The hash of a payload of <paramref name="size"/> bytes made of the chunks <paramref name="chunks"/>, in order.</summary>
    public static byte[] OfPayload(long size, IReadOnlyList<byte[]> chunks)
    {
        XxHash128 hash = PayloadHashOfLength(size);
        foreach (byte[] chunk in chunks)
        {
            hash.Append(chunk);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Whether <paramref name="payload"/>, held as one chunk, has the payload hash <paramref name="expected"/>.</summary>
    public static bool MatchesPayload(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> expected)
    {
        Span<byte> chunk = stackalloc byte[16];
        XxHash128.Hash(payload, chunk);
        XxHash128 hash = PayloadHashOfLength(payload.Length);
        hash.Append(chunk);
        Span<byte> whole = stackalloc byte[16];
        hash.GetHashAndReset(whole);
        return whole.SequenceEqual(expected);
    }

    /// <summary>A payload hash under way: the payload's length appended, its chunks' addresses to follow.</summary>
    private static XxHash128 PayloadHashOfLength(long size)
    {
        var hash = new XxHash128();
        Span<byte> length = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(length, size);
        hash.Append(length);
        return hash;
    }

    /// <summary>Whether a payload hash is a SHA-256 of the payload's bytes (entries written before XXH3-128 addresses).</summary>
    public static bool IsLegacyPayloadHash(byte[] payloadHash) => payloadHash.Length == SHA256.HashSizeInBytes;
}
