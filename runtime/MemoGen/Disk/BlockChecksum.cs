using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using MemoGen.Hashing;

namespace MemoGen.Disk;

/// <summary>
/// The checksum of a payload: the payload is cut into blocks of <see cref="BlockSize"/> bytes (the last one
/// shorter), each block is hashed with XXH64 (seed 0), and the checksum is XXH64 (seed 0) of those block digests
/// written as little-endian 64-bit integers, in order. Blocks let a reader verify a large payload while each block is
/// still in the processor's cache, and on several threads.
/// </summary>
internal static class BlockChecksum
{
    /// <summary>The bytes per block: 1 MiB.</summary>
    public const int BlockSize = 1 << 20;

    /// <summary>How many blocks a payload of <paramref name="length"/> bytes has (an empty payload has none).</summary>
    public static long BlockCount(long length) => (length + BlockSize - 1) / BlockSize;

    /// <summary>XXH64 (seed 0) of one block.</summary>
    public static ulong HashBlock(ReadOnlySpan<byte> block) => ShortXxh64.Hash(block);

    /// <summary>The checksum from the digests of every block, in order.</summary>
    public static ulong Combine(ReadOnlySpan<ulong> blockDigests)
    {
        // Written out rather than viewed as bytes (MemoryMarshal.AsBytes<ulong>, which a first hit would JIT-compile);
        // a 256 MB payload has only 256 digests.
        int length = blockDigests.Length * sizeof(ulong);
        Span<byte> bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        for (int i = 0; i < blockDigests.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes[(i * sizeof(ulong))..], blockDigests[i]);
        }

        return ShortXxh64.Hash(bytes);
    }

    /// <summary>The checksum of a payload held in memory.</summary>
    public static ulong Of(ReadOnlySpan<byte> payload)
    {
        if (payload.Length <= BlockSize)
        {
            Span<ulong> digest = [HashBlock(payload)];
            return Combine(payload.IsEmpty ? [] : digest);
        }

        var digests = new ulong[BlockCount(payload.Length)];
        for (int i = 0; i < digests.Length; i++)
        {
            int start = i * BlockSize;
            digests[i] = HashBlock(payload.Slice(start, Math.Min(BlockSize, payload.Length - start)));
        }

        return Combine(digests);
    }

    /// <summary>The checksum as the metadata file writes it: 16 lowercase hex digits.</summary>
    public static string Format(ulong checksum) => checksum.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
