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
/// a larger payload's chunk list follows, then its chunks' pieces (<see cref="ChunkPieces"/>), one statement per chunk
/// sent in batches and streamed in order while this side verifies each chunk's address and writes it (one chunk buffer
/// in memory at a time). Either way the whole payload is checked against its
/// length and hash (<see cref="ChunkHash"/>). Last use is not written here: the store records it off the caller's path.
/// </summary>
internal static class ChunkReader
{
    private const string EntryQuery =
        "SELECT id, size, payload_hash, data FROM memogen.entry WHERE function = $1 AND code_version = $2 AND key_hash = $3";

    private const string ChunkListQuery =
        """
        SELECT ec.chunk_hash, c.size, c.pieces
        FROM memogen.entry_chunk ec
        LEFT JOIN memogen.chunk c ON c.hash = ec.chunk_hash
        WHERE ec.entry_id = $1
        ORDER BY ec.ordinal
        """;

    /// <summary>A chunk stored before migration 3, as one (TOASTed) value: read as its one piece.</summary>
    private const string WholeChunkQuery = "SELECT 0, data FROM memogen.chunk WHERE hash = $1";

    /// <summary>How many chunks' reads are sent in one batch (a bound on the statements in flight, not on memory).</summary>
    private const int ChunksPerBatch = 32;

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
        List<StoredChunk> chunks = ListChunks(connection, id);
        using IncrementalHash? legacyWhole = ChunkHash.IsLegacyPayloadHash(expectedHash) ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        long size = 0;
        byte[] buffer = [];
        try
        {
            for (int first = 0; first < chunks.Count; first += ChunksPerBatch)
            {
                List<StoredChunk> batch = chunks.GetRange(first, Math.Min(ChunksPerBatch, chunks.Count - first));
                using NpgsqlBatch reads = ReadsOf(connection, batch);
                using NpgsqlDataReader reader = reads.ExecuteReader(CommandBehavior.SequentialAccess);
                for (int i = 0; i < batch.Count; i++)
                {
                    if (i > 0)
                    {
                        reader.NextResult();
                    }

                    StoredChunk chunk = batch[i];
                    if (buffer.Length < chunk.Size)
                    {
                        ReturnBuffer(buffer);
                        buffer = ArrayPool<byte>.Shared.Rent(chunk.Size);
                    }

                    if (!ReadChunk(reader, chunk, buffer.AsSpan(0, chunk.Size)) || !ChunkHash.Matches(buffer.AsSpan(0, chunk.Size), chunk.Hash))
                    {
                        throw new InvalidDataException($"Chunk {Convert.ToHexStringLower(chunk.Hash)} of shared entry {id} does not match its hash.");
                    }

                    legacyWhole?.AppendData(buffer, 0, chunk.Size);
                    destination.Write(buffer, 0, chunk.Size);
                    size += chunk.Size;
                }
            }
        }
        finally
        {
            ReturnBuffer(buffer);
        }

        byte[] payloadHash = legacyWhole?.GetHashAndReset() ?? ChunkHash.OfPayload(size, chunks.ConvertAll(chunk => chunk.Hash));
        if (size != expectedSize || !payloadHash.AsSpan().SequenceEqual(expectedHash))
        {
            throw new InvalidDataException($"Shared entry {id} does not match its recorded size and hash.");
        }
    }

    /// <summary>The chunks of entry <paramref name="id"/> in order; none for an empty payload (or one removed meanwhile, which fails the size check).</summary>
    private static List<StoredChunk> ListChunks(NpgsqlConnection connection, long id)
    {
        using var command = new NpgsqlCommand(ChunkListQuery, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        using NpgsqlDataReader reader = command.ExecuteReader();
        var chunks = new List<StoredChunk>();
        while (reader.Read())
        {
            byte[] hash = reader.GetFieldValue<byte[]>(0);
            if (reader.IsDBNull(1))
            {
                throw new InvalidDataException($"Shared entry {id} references chunk {Convert.ToHexStringLower(hash)}, which is missing.");
            }

            int size = reader.GetFieldValue<int>(1);
            if (!reader.IsDBNull(2) && reader.GetFieldValue<int>(2) != ChunkPieces.CountFor(size))
            {
                throw new InvalidDataException($"Chunk {Convert.ToHexStringLower(hash)} of shared entry {id} records {reader.GetFieldValue<int>(2)} pieces for {size} bytes.");
            }

            chunks.Add(new StoredChunk(hash, size, Whole: reader.IsDBNull(2)));
        }

        return chunks;
    }

    /// <summary>One statement per chunk, sent together: the chunks' bytes stream back, chunk after chunk, in one round trip.</summary>
    private static NpgsqlBatch ReadsOf(NpgsqlConnection connection, List<StoredChunk> chunks)
    {
        var batch = new NpgsqlBatch(connection);
        foreach (StoredChunk chunk in chunks)
        {
            var read = new NpgsqlBatchCommand(chunk.Whole ? WholeChunkQuery : ChunkPieces.ReadSql);
            read.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = chunk.Hash });
            batch.BatchCommands.Add(read);
        }

        return batch;
    }

    /// <summary>
    /// Reads the current result's rows, the pieces of <paramref name="chunk"/> in any order, each into its place in
    /// <paramref name="into"/>; whether every piece came once with its exact length (never written past the span).
    /// </summary>
    private static bool ReadChunk(NpgsqlDataReader reader, StoredChunk chunk, Span<byte> into)
    {
        int pieces = 0;
        while (reader.Read())
        {
            int ordinal = reader.GetFieldValue<int>(0);
            if (ordinal < 0 || ordinal >= chunk.Pieces)
            {
                return false;
            }

            int offset = ordinal * chunk.PieceSize;
            int length = Math.Min(chunk.PieceSize, chunk.Size - offset);
            using Stream data = reader.GetStream(1);
            if (data.ReadAtLeast(into.Slice(offset, length), length, throwOnEndOfStream: false) != length || data.ReadByte() != -1)
            {
                return false;
            }

            pieces++;
        }

        // The primary key (chunk_hash, ordinal) holds no ordinal twice: as many pieces as expected is every piece.
        return pieces == chunk.Pieces;
    }

    private static void ReturnBuffer(byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A chunk of an entry: its address, its length, and whether it is stored whole (before migration 3) rather than in pieces.</summary>
    private sealed record StoredChunk(byte[] Hash, int Size, bool Whole)
    {
        /// <summary>How many rows hold the chunk: a whole chunk is read as its one piece.</summary>
        public int Pieces => Whole ? 1 : ChunkPieces.CountFor(Size);

        /// <summary>The length of every piece but the last.</summary>
        public int PieceSize => Whole ? Size : ChunkPieces.PieceSize;
    }
}
