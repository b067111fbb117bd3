using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>
/// Cuts a payload stream into content-addressed chunks (<see cref="ChunkHash"/>) and stores each once. Chunks are sent
/// on two connections in turn (chunk <c>i</c> on lane <c>i</c> mod 2), each as heap rows in one binary <c>COPY</c>
/// (<see cref="ChunkPieces"/>): the server's time goes into storing them, and a second backend does that in parallel.
/// One chunk buffer per lane and one being read and hashed are in memory, whatever the payload's size. A chunk already
/// stored is not sent again, only marked as used now so that orphan collection leaves it alone. A payload of one small
/// chunk is left for the statement that publishes its entry, and opens no connection.
/// </summary>
internal static class ChunkWriter
{
    /// <summary>The largest payload stored inline in its entry's row (when it is one chunk).</summary>
    public const int InlineLimit = 64 * 1024;

    /// <summary>
    /// Stores <paramref name="source"/> from its current position to its end on up to <paramref name="lanes"/>
    /// connections from <paramref name="open"/> (opened when a chunk first needs one, disposed before this returns);
    /// returns what an entry needs to reference it.
    /// </summary>
    public static async Task<PublishedPayload> WriteAsync(
        Func<CancellationToken, ValueTask<NpgsqlConnection>> open, Stream source, int chunkSize, int lanes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        var connections = new NpgsqlConnection?[lanes];
        var storing = new Task[lanes];
        var sending = new byte[]?[lanes];
        Array.Fill(storing, Task.CompletedTask);
        byte[] reading = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            var hashes = new List<byte[]>();
            long size = 0;
            while (true)
            {
                // Read synchronously: the sources are files, and a stream's default asynchronous read is a thread pool hop.
                int length = source.ReadAtLeast(reading.AsSpan(0, chunkSize), chunkSize, throwOnEndOfStream: false);
                if (length == 0)
                {
                    break;
                }

                byte[] hash = ChunkHash.Of(reading.AsSpan(0, length));
                if (hashes.Count == 0 && length < chunkSize && length <= InlineLimit)
                {
                    // The whole payload is one small chunk: the entry's row holds it, so a hit is one look-up.
                    return new PublishedPayload([hash], length, ChunkHash.OfPayload(length, [hash]), reading.AsSpan(0, length).ToArray());
                }

                int lane = hashes.Count % lanes;
                await storing[lane].ConfigureAwait(false);
                connections[lane] ??= await open(cancellationToken).ConfigureAwait(false);
                storing[lane] = ChunkPieces.StoreAsync(connections[lane]!, hash, reading.AsMemory(0, length), cancellationToken);
                (reading, sending[lane]) = (sending[lane] ?? ArrayPool<byte>.Shared.Rent(chunkSize), reading);
                hashes.Add(hash);
                size += length;
            }

            await Task.WhenAll(storing).ConfigureAwait(false);
            return new PublishedPayload(hashes.ToArray(), size, ChunkHash.OfPayload(size, hashes));
        }
        finally
        {
            // A failure on one lane must not hand a buffer back, or a connection, while the server is still being sent it.
            foreach (Task task in storing)
            {
                await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            ArrayPool<byte>.Shared.Return(reading);
            foreach (byte[]? buffer in sending)
            {
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }

            foreach (NpgsqlConnection? connection in connections)
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }
}
