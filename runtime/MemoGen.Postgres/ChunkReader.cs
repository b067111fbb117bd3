using System;
using System.Buffers;
using System.Collections.Generic;
using System.Data;
using System.IO;
using System.Security.Cryptography;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>
/// Reads an entry synchronously: the runtime's miss path is synchronous, and a thread blocked on its socket wakes sooner
/// than an awaited continuation handed back through the thread pool (three wake-ups instead of one on a busy machine).
/// One look-up by the entry's key returns its row, which holds a small payload inline (one round trip for most hits);
/// a larger payload's chunks follow in a second statement, streamed in order while this side verifies each chunk's
/// address and writes it (one chunk buffer in memory at a time). Either way the whole payload is checked against its
/// length and hash (<see cref="ChunkHash"/>). Last use is not written here: the store records it off the caller's path.
/// </summary>
internal static class ChunkReader
{
    private const string EntryQuery =
        "SELECT id, size, payload_hash, data FROM memogen.entry WHERE function = $1 AND code_version = $2 AND key_hash = $3";

    private const string ChunksQuery =
        """
        SELECT ec.chunk_hash, c.size, c.data
        FROM memogen.entry_chunk ec
        LEFT JOIN memogen.chunk c ON c.hash = ec.chunk_hash
        WHERE ec.entry_id = $1
        ORDER BY ec.ordinal
        """;

    /// <summary>
    /// Writes the payload of <paramref name="key"/>'s entry to <paramref name="destination"/> and returns the entry's id;
    /// <see langword="null"/> when there is no entry, <see cref="InvalidDataException"/> when it does not verify (the
    /// destination then holds a partial payload, or nothing when the payload was inline).
    /// </summary>
    public static long? TryRead(NpgsqlConnection connection, EntryKey key, Stream destination)
    {
        using var command = new NpgsqlCommand(EntryQuery, connection);
        EntryQueries.AddKey(command.Parameters, key);
        using NpgsqlDataReader reader = command.ExecuteReader(CommandBehavior.SequentialAccess);
        if (!reader.Read())
        {
            return null;
        }

        long id = reader.GetFieldValue<long>(0);
        long expectedSize = reader.GetFieldValue<long>(1);
        byte[] expectedHash = reader.GetFieldValue<byte[]>(2);
        if (reader.IsDBNull(3))
        {
            reader.Dispose();
            ReadChunks(connection, id, expectedSize, expectedHash, destination);
            return id;
        }

        if (expectedSize is < 0 or > ChunkWriter.InlineLimit)
        {
            throw new InvalidDataException($"Shared entry {id} records {expectedSize} bytes inline, which no inline payload has.");
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)expectedSize);
        try
        {
            using (Stream data = reader.GetStream(3))
            {
                int read = data.ReadAtLeast(buffer.AsSpan(0, (int)expectedSize), (int)expectedSize, throwOnEndOfStream: false);
                ReadOnlySpan<byte> payload = buffer.AsSpan(0, read);
                if (read != expectedSize || data.ReadByte() != -1 || !ChunkHash.MatchesPayload(payload, expectedHash))
                {
                    throw new InvalidDataException($"Shared entry {id} does not match its recorded size and hash.");
                }
            }

            destination.Write(buffer, 0, (int)expectedSize);
            return id;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ReadChunks(NpgsqlConnection connection, long id, long expectedSize, byte[] expectedHash, Stream destination)
    {
        using var command = new NpgsqlCommand(ChunksQuery, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        using NpgsqlDataReader reader = command.ExecuteReader(CommandBehavior.SequentialAccess);
        using IncrementalHash? legacyWhole = ChunkHash.IsLegacyPayloadHash(expectedHash) ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        var chunks = new List<byte[]>();
        long size = 0;
        byte[] buffer = [];
        try
        {
            // No rows: an entry without chunks, an empty payload (or one removed meanwhile, which fails the size check).
            while (reader.Read())
            {
                byte[] hash = reader.GetFieldValue<byte[]>(0);
                if (reader.IsDBNull(1))
                {
                    throw new InvalidDataException($"Shared entry {id} references chunk {Convert.ToHexStringLower(hash)}, which is missing.");
                }

                int length = reader.GetFieldValue<int>(1);
                if (buffer.Length < length)
                {
                    ReturnBuffer(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(length);
                }

                using (Stream data = reader.GetStream(2))
                {
                    int read = data.ReadAtLeast(buffer.AsSpan(0, length), length, throwOnEndOfStream: false);
                    if (read != length || data.ReadByte() != -1 || !ChunkHash.Matches(buffer.AsSpan(0, length), hash))
                    {
                        throw new InvalidDataException($"Chunk {Convert.ToHexStringLower(hash)} of shared entry {id} does not match its hash.");
                    }
                }

                legacyWhole?.AppendData(buffer, 0, length);
                chunks.Add(hash);
                destination.Write(buffer, 0, length);
                size += length;
            }
        }
        finally
        {
            ReturnBuffer(buffer);
        }

        byte[] payloadHash = legacyWhole?.GetHashAndReset() ?? ChunkHash.OfPayload(size, chunks);
        if (size != expectedSize || !payloadHash.AsSpan().SequenceEqual(expectedHash))
        {
            throw new InvalidDataException($"Shared entry {id} does not match its recorded size and hash.");
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
