using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace MemoGen.Postgres;

/// <summary>
/// Cuts a payload stream into content-addressed chunks and stores each once: one chunk buffer in memory at a time,
/// whatever the payload's size. A payload of one small chunk is left for the statement that publishes its entry. A chunk already stored (same SHA-256) is not sent again, only marked as used now so that
/// orphan collection leaves it alone.
/// </summary>
internal static class ChunkWriter
{
    /// <summary>Stores <paramref name="source"/> from its current position to its end; returns what an entry needs to reference it.</summary>
    public static async Task<PublishedPayload> WriteAsync(NpgsqlConnection connection, Stream source, int chunkSize, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            using var whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var hashes = new List<byte[]>();
            long size = 0;
            while (true)
            {
                int length = await source.ReadAtLeastAsync(buffer.AsMemory(0, chunkSize), chunkSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (length == 0)
                {
                    break;
                }

                byte[] hash = SHA256.HashData(buffer.AsSpan(0, length));
                if (hashes.Count == 0 && length < chunkSize && length <= SendAlwaysBelow)
                {
                    // The whole payload is one small chunk: the entry's statement stores it, saving a round trip.
                    return new PublishedPayload([hash], length, hash, buffer.AsSpan(0, length).ToArray());
                }

                whole.AppendData(buffer, 0, length);
                await StoreAsync(connection, hash, buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                hashes.Add(hash);
                size += length;
            }

            return new PublishedPayload(hashes.ToArray(), size, whole.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Up to this size a chunk is sent with its upsert in one round trip, even when stored already; above, it is sent only when missing.</summary>
    private const int SendAlwaysBelow = 64 * 1024;

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
