using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace MemoGen.Postgres;

/// <summary>
/// Cuts a payload stream into content-addressed chunks (<see cref="ChunkHash"/>) and stores each once: two chunk
/// buffers in memory at a time, whatever the payload's size, so that the next chunk is read and hashed while the server
/// takes the previous one. A chunk already stored is not sent again, only marked as used now so that orphan collection
/// leaves it alone. A payload of one small chunk is left for the statement that publishes its entry.
/// </summary>
internal static class ChunkWriter
{
    /// <summary>The largest payload stored inline in its entry's row (when it is one chunk).</summary>
    public const int InlineLimit = 64 * 1024;

    /// <summary>Up to this size a chunk is sent with its upsert in one round trip, even when stored already; above, it is sent only when missing.</summary>
    private const int SendAlwaysBelow = 64 * 1024;

    /// <summary>Stores <paramref name="source"/> from its current position to its end; returns what an entry needs to reference it.</summary>
    public static async Task<PublishedPayload> WriteAsync(NpgsqlConnection connection, Stream source, int chunkSize, CancellationToken cancellationToken)
    {
        byte[] current = ArrayPool<byte>.Shared.Rent(chunkSize);
        byte[] next = ArrayPool<byte>.Shared.Rent(chunkSize);
        Task storing = Task.CompletedTask;
        try
        {
            var hashes = new List<byte[]>();
            long size = 0;
            while (true)
            {
                // Read synchronously: the sources are files, and a stream's default asynchronous read is a thread pool hop.
                int length = source.ReadAtLeast(current.AsSpan(0, chunkSize), chunkSize, throwOnEndOfStream: false);
                if (length == 0)
                {
                    break;
                }

                byte[] hash = ChunkHash.Of(current.AsSpan(0, length));
                if (hashes.Count == 0 && length < chunkSize && length <= InlineLimit)
                {
                    // The whole payload is one small chunk: the entry's row holds it, so a hit is one look-up.
                    return new PublishedPayload([hash], length, ChunkHash.OfPayload(length, [hash]), current.AsSpan(0, length).ToArray());
                }

                if (hashes.Count == 0)
                {
                    // Chunks are unreferenced until their entry's (synchronous) commit, which flushes the log past them.
                    await using var asynchronous = new NpgsqlCommand("SET synchronous_commit = off", connection);
                    await asynchronous.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await storing.ConfigureAwait(false);
                storing = StoreAsync(connection, hash, current.AsMemory(0, length), cancellationToken);
                (current, next) = (next, current);
                hashes.Add(hash);
                size += length;
            }

            await storing.ConfigureAwait(false);
            return new PublishedPayload(hashes.ToArray(), size, ChunkHash.OfPayload(size, hashes));
        }
        finally
        {
            // A failed read must not hand a buffer back while the server is still being sent it.
            await storing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(next);
        }
    }

    private static async Task StoreAsync(NpgsqlConnection connection, byte[] hash, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (data.Length > SendAlwaysBelow)
        {
            await using var touch = new NpgsqlCommand("UPDATE memogen.chunk SET created = now() WHERE hash = $1", connection);
            touch.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = hash });
            if (await touch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
            {
                return;
            }
        }

        // Marking a stored chunk as used now keeps orphan collection away from it.
        await using var insert = new NpgsqlCommand(
            "INSERT INTO memogen.chunk (hash, size, data) VALUES ($1, $2, $3) ON CONFLICT (hash) DO UPDATE SET created = now()", connection);
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = hash });
        insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = data.Length });
        insert.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Bytea });
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
