using System;
using System.Buffers;
using System.Data;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>
/// Streams an entry's chunks into a destination, one chunk buffer in memory at a time, verifying each chunk's SHA-256
/// before writing it and the whole payload's length and hash at the end.
/// </summary>
internal static class ChunkReader
{
    /// <summary>Writes the payload of <paramref name="entry"/> to <paramref name="destination"/>; <see cref="InvalidDataException"/> when it does not verify.</summary>
    public static async Task ReadAsync(NpgsqlConnection connection, StoredEntry entry, Stream destination, CancellationToken cancellationToken)
    {
        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        byte[] buffer = [];
        try
        {
            // One query for every chunk, in order: the server streams the rows while this side verifies and writes.
            await using var command = new NpgsqlCommand(
                """
                SELECT ec.chunk_hash, c.size, c.data
                FROM memogen.entry_chunk ec LEFT JOIN memogen.chunk c ON c.hash = ec.chunk_hash
                WHERE ec.entry_id = $1 ORDER BY ec.ordinal
                """,
                connection);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = entry.Id });
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                byte[] hash = await reader.GetFieldValueAsync<byte[]>(0, cancellationToken).ConfigureAwait(false);
                if (await reader.IsDBNullAsync(1, cancellationToken).ConfigureAwait(false))
                {
                    throw new InvalidDataException($"Shared entry {entry.Id} references chunk {Convert.ToHexStringLower(hash)}, which is missing.");
                }

                int length = await reader.GetFieldValueAsync<int>(1, cancellationToken).ConfigureAwait(false);
                if (buffer.Length < length)
                {
                    ReturnBuffer(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(length);
                }

                await using (Stream data = await reader.GetStreamAsync(2, cancellationToken).ConfigureAwait(false))
                {
                    int read = await data.ReadAtLeastAsync(buffer.AsMemory(0, length), length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                    if (read != length || data.ReadByte() != -1 || !SHA256.HashData(buffer.AsSpan(0, length)).AsSpan().SequenceEqual(hash))
                    {
                        throw new InvalidDataException($"Chunk {Convert.ToHexStringLower(hash)} of shared entry {entry.Id} does not match its hash.");
                    }
                }

                whole.AppendData(buffer, 0, length);
                await destination.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                size += length;
            }
        }
        finally
        {
            ReturnBuffer(buffer);
        }

        if (size != entry.Size || !whole.GetHashAndReset().AsSpan().SequenceEqual(entry.PayloadHash))
        {
            throw new InvalidDataException($"Shared entry {entry.Id} does not match its recorded size and hash.");
        }
    }

    private static void ReturnBuffer(byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
