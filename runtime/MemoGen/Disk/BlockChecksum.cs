using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
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
    public static ulong HashBlock(ReadOnlySpan<byte> block)
    {
        ulong hash;
        int offset = 0;
        if (block.Length >= Xxh64.StripeLength)
        {
            Xxh64.InitialAccumulators(0, out ulong v1, out ulong v2, out ulong v3, out ulong v4);
            ref byte data = ref MemoryMarshal.GetReference(block);
            int stripeBytes = block.Length & ~(Xxh64.StripeLength - 1);
            ref byte end = ref Unsafe.Add(ref data, stripeBytes);
            while (Unsafe.IsAddressLessThan(ref data, ref end))
            {
                v1 = Xxh64.Round(v1, Xxh64.ReadLane(ref data));
                v2 = Xxh64.Round(v2, Xxh64.ReadLane(ref Unsafe.Add(ref data, 8)));
                v3 = Xxh64.Round(v3, Xxh64.ReadLane(ref Unsafe.Add(ref data, 16)));
                v4 = Xxh64.Round(v4, Xxh64.ReadLane(ref Unsafe.Add(ref data, 24)));
                data = ref Unsafe.Add(ref data, Xxh64.StripeLength);
            }

            hash = Xxh64.Converge(v1, v2, v3, v4);
            offset = stripeBytes;
        }
        else
        {
            hash = Xxh64.Prime5;
        }

        return Xxh64.Complete(hash, (ulong)block.Length, block[offset..]);
    }

    /// <summary>The checksum from the digests of every block, in order.</summary>
    public static ulong Combine(ReadOnlySpan<ulong> blockDigests)
    {
        if (BitConverter.IsLittleEndian)
        {
            return Xxh64.Hash(MemoryMarshal.AsBytes(blockDigests), 0);
        }

        var bytes = new byte[blockDigests.Length * sizeof(ulong)];
        for (int i = 0; i < blockDigests.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)), blockDigests[i]);
        }

        return Xxh64.Hash(bytes, 0);
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
