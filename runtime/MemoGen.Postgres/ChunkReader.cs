using System;
using System.Buffers;
using System.Collections.Generic;
using System.Data;
using System.IO;
using System.Security.Cryptography;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>
/// Reads an entry in one round trip, synchronously: the runtime's miss path is synchronous, and a thread blocked on its
/// socket wakes sooner than an awaited continuation handed back through the thread pool (three wake-ups instead of
/// one on a busy machine). One statement finds the entry by its key, marks it used and returns its chunks in order, which the server streams while this side verifies each chunk's address and writes it (one chunk buffer in
/// memory at a time), then checks the whole payload's length and hash (<see cref="ChunkHash"/>).
/// </summary>
internal static class ChunkReader
{
    // The entry's columns repeat on every row (the join); only the first row's are read.
    private const string Query =
        """
        WITH e AS (
            SELECT id, size, payload_hash FROM memogen.entry WHERE function = $1 AND code_version = $2 AND key_hash = $3),
        touched AS (
            UPDATE memogen.entry t SET last_used = now() FROM e WHERE t.id = e.id AND t.last_used < now() - interval '1 minute')
        SELECT e.id, e.size, e.payload_hash, ec.chunk_hash, c.size, c.data
        FROM e
        LEFT JOIN memogen.entry_chunk ec ON ec.entry_id = e.id
        LEFT JOIN memogen.chunk c ON c.hash = ec.chunk_hash
        ORDER BY ec.ordinal
        """;

    /// <summary>
    /// Writes the payload of <paramref name="key"/>'s entry to <paramref name="destination"/>; false when there is no
    /// entry, <see cref="InvalidDataException"/> when it does not verify (the destination then holds a partial payload).
    /// </summary>
    public static bool TryRead(NpgsqlConnection connection, EntryKey key, Stream destination)
    {
        using var command = new NpgsqlCommand(Query, connection);
        EntryQueries.AddKey(command.Parameters, key);
        using NpgsqlDataReader reader = command.ExecuteReader(CommandBehavior.SequentialAccess);
        if (!reader.Read())
        {
            return false;
        }

        long id = reader.GetFieldValue<long>(0);
        long expectedSize = reader.GetFieldValue<long>(1);
        byte[] expectedHash = reader.GetFieldValue<byte[]>(2);
        using IncrementalHash? legacyWhole = ChunkHash.IsLegacyPayloadHash(expectedHash) ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        var chunks = new List<byte[]>();
        long size = 0;
        byte[] buffer = [];
        try
        {
            do
            {
                if (reader.IsDBNull(3))
                {
                    break; // An entry without chunks: an empty payload.
                }

                byte[] hash = reader.GetFieldValue<byte[]>(3);
                if (reader.IsDBNull(4))
                {
                    throw new InvalidDataException($"Shared entry {id} references chunk {Convert.ToHexStringLower(hash)}, which is missing.");
                }

                int length = reader.GetFieldValue<int>(4);
                if (buffer.Length < length)
                {
                    ReturnBuffer(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(length);
                }

                using (Stream data = reader.GetStream(5))
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
            while (reader.Read());
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

        return true;
    }

    private static void ReturnBuffer(byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
