using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace MemoGen.Disk;

/// <summary>Moves a raw payload's data between memory and a file, block by block, checksumming each block as it passes.</summary>
internal static class RawPayloadIO
{
    /// <summary>A payload is read on several threads only if each gets at least this much (16 MiB).</summary>
    private const long MinBytesPerWorker = 16L << 20;

    private const int MaxWorkers = 8;

    /// <summary>Writes <paramref name="length"/> bytes from <paramref name="data"/> at <paramref name="offset"/>; returns their checksum.</summary>
    public static ulong Write(IMemoWritableFile file, ref byte data, long length, long offset)
    {
        var digests = new ulong[BlockChecksum.BlockCount(length)];
        for (int block = 0; block < digests.Length; block++)
        {
            long position = (long)block * BlockChecksum.BlockSize;
            int size = (int)Math.Min(BlockChecksum.BlockSize, length - position);
            ReadOnlySpan<byte> bytes = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref data, (nint)position), size);
            digests[block] = BlockChecksum.HashBlock(bytes);
            file.Write(bytes, offset + position);
        }

        return BlockChecksum.Combine(digests);
    }

    /// <summary>
    /// Reads <paramref name="length"/> bytes at <paramref name="offset"/> into <paramref name="destination"/>; returns
    /// their checksum. Throws <see cref="InvalidEntryException"/> if the file ends first. A large destination gets
    /// huge-page advice first (<see cref="HugePageAdvice"/>), and a large payload is read on several threads, each
    /// reading and checksumming its own run of blocks while they are in its cache, so checksumming costs no extra pass.
    /// </summary>
    public static unsafe ulong Read(IMemoReadableFile file, ref byte destination, long length, long offset)
    {
        var digests = new ulong[BlockChecksum.BlockCount(length)];
        int workers = (int)Math.Min(Math.Min(Environment.ProcessorCount, MaxWorkers), length / MinBytesPerWorker);
        fixed (byte* pinned = &destination)
        {
            HugePageAdvice.ForDestination((nint)pinned, length);
            if (workers <= 1)
            {
                ReadBlocks(file, ref destination, length, offset, digests, 0, digests.Length);
            }
            else
            {
                ReadInParallel(file, (nint)pinned, length, offset, digests, workers);
            }
        }

        return BlockChecksum.Combine(digests);
    }

    // Apart from Read, so that a small payload's read never loads the parallel library nor compiles the closure.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void ReadInParallel(IMemoReadableFile file, nint start, long length, long offset, ulong[] digests, int workers)
    {
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
            {
                int first = (int)((long)digests.Length * worker / workers);
                int end = (int)((long)digests.Length * (worker + 1) / workers);
                ReadBlocks(file, ref *(byte*)start, length, offset, digests, first, end);
            });
        }
        catch (AggregateException failure) when (failure.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Throw(failure.InnerExceptions[0]);
        }
    }

    private static void ReadBlocks(IMemoReadableFile file, ref byte destination, long length, long offset, ulong[] digests, int first, int end)
    {
        for (int block = first; block < end; block++)
        {
            long position = (long)block * BlockChecksum.BlockSize;
            int size = (int)Math.Min(BlockChecksum.BlockSize, length - position);
            Span<byte> bytes = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref destination, (nint)position), size);
            ReadExactly(file, bytes, offset + position);
            digests[block] = BlockChecksum.HashBlock(bytes);
        }
    }

    /// <summary>The checksum of a whole file from <paramref name="offset"/>, read block by block.</summary>
    public static ulong ChecksumOf(IMemoReadableFile file, long offset)
    {
        long length = file.Length - offset;
        var digests = new ulong[BlockChecksum.BlockCount(length)];
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(BlockChecksum.BlockSize, Math.Max(length, 1)));
        try
        {
            for (int block = 0; block < digests.Length; block++)
            {
                long position = (long)block * BlockChecksum.BlockSize;
                Span<byte> bytes = buffer.AsSpan(0, (int)Math.Min(BlockChecksum.BlockSize, length - position));
                ReadExactly(file, bytes, offset + position);
                digests[block] = BlockChecksum.HashBlock(bytes);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return BlockChecksum.Combine(digests);
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/>, reading as often as it takes; the file ending first is a bad entry.</summary>
    public static void ReadExactly(IMemoReadableFile file, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            int read = file.Read(buffer, offset);
            if (read <= 0)
            {
                throw new InvalidEntryException("the payload ends before its declared length");
            }

            buffer = buffer[read..];
            offset += read;
        }
    }
}
