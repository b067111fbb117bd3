using System;
using System.Buffers;
using System.Collections.Generic;
using System.Data;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>
/// Reads an entry synchronously: the runtime's miss path is synchronous, and a thread blocked on its socket wakes sooner
/// than an awaited continuation handed back through the thread pool (three wake-ups instead of one on a busy machine).
/// One look-up by the entry's key returns its row, which holds a small payload inline (one round trip for most hits);
/// a larger payload's chunk list follows, then its chunks' pieces (<see cref="ChunkPieces"/>), one statement per chunk
/// sent in batches and streamed in order while this side verifies each chunk's address and writes it: on one connection
/// with one chunk buffer, or on several connections at once (<see cref="ChunkLanes"/>), chunks still written in order.
/// Either way the whole payload is checked against its
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
    public static long? TryRead(NpgsqlConnection connection, EntryKey key, Stream destination, ReadLanes? lanes = null)
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
            ReadChunks(connection, lanes ?? ReadLanes.One, id, expectedSize, expectedHash, destination);
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

    private static void ReadChunks(NpgsqlConnection connection, ReadLanes lanes, long id, long expectedSize, byte[] expectedHash, Stream destination)
    {
        List<StoredChunk> chunks = ListChunks(connection, id);
        using IncrementalHash? legacyWhole = ChunkHash.IsLegacyPayloadHash(expectedHash) ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        long size = 0;
        void Deliver(StoredChunk chunk, byte[] buffer)
        {
            legacyWhole?.AppendData(buffer, 0, chunk.Size);
            destination.Write(buffer, 0, chunk.Size);
            size += chunk.Size;
        }

        if (lanes.Count > 1 && chunks.Count > 1)
        {
            ChunkLanes.Read(
                connection,
                lanes.Open,
                Math.Min(lanes.Count, chunks.Count),
                chunks,
                (laneConnection, laneChunks, take, deliver, stop) => ReadLane(laneConnection, id, laneChunks, take, deliver, stop),
                Deliver);
        }
        else
        {
            byte[] buffer = [];
            try
            {
                ReadLane(connection, id, chunks, TakeBuffer, Deliver, CancellationToken.None);
            }
            finally
            {
                ReturnBuffer(buffer);
            }

            byte[] TakeBuffer(StoredChunk chunk)
            {
                if (buffer.Length < chunk.Size)
                {
                    byte[] smaller = buffer;
                    buffer = ArrayPool<byte>.Shared.Rent(chunk.Size);
                    ReturnBuffer(smaller);
                }

                return buffer;
            }
        }

        byte[] payloadHash = legacyWhole?.GetHashAndReset() ?? ChunkHash.OfPayload(size, chunks.ConvertAll(chunk => chunk.Hash));
        if (size != expectedSize || !payloadHash.AsSpan().SequenceEqual(expectedHash))
        {
            throw new InvalidDataException($"Shared entry {id} does not match its recorded size and hash.");
        }
    }

    /// <summary>
    /// Reads <paramref name="chunks"/> of entry <paramref name="id"/> on <paramref name="connection"/>, one statement per
    /// chunk sent <see cref="ChunksPerBatch"/> at a time and streamed back in order; each chunk goes into a buffer from
    /// <paramref name="take"/>, is verified against its address, then handed to <paramref name="deliver"/>. On any
    /// failure the statements still running are cancelled on the server, so that none of their chunks is drained in vain.
    /// </summary>
    private static void ReadLane(
        NpgsqlConnection connection, long id, List<StoredChunk> chunks, Func<StoredChunk, byte[]> take, Action<StoredChunk, byte[]> deliver, CancellationToken stop)
    {
        for (int first = 0; first < chunks.Count; first += ChunksPerBatch)
        {
            stop.ThrowIfCancellationRequested();
            List<StoredChunk> batch = chunks.GetRange(first, Math.Min(ChunksPerBatch, chunks.Count - first));
            using NpgsqlBatch reads = ReadsOf(connection, batch);
            NpgsqlDataReader reader = reads.ExecuteReader(CommandBehavior.SequentialAccess);
            try
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    if (i > 0)
                    {
                        reader.NextResult();
                    }

                    StoredChunk chunk = batch[i];
                    byte[] buffer = take(chunk);
                    if (!ReadChunk(reader, chunk, buffer.AsSpan(0, chunk.Size)) || !ChunkHash.Matches(buffer.AsSpan(0, chunk.Size), chunk.Hash))
                    {
                        throw new InvalidDataException($"Chunk {Convert.ToHexStringLower(chunk.Hash)} of shared entry {id} does not match its hash.");
                    }

                    deliver(chunk, buffer);
                }
            }
            catch
            {
                StopQuietly(reads, reader);
                throw;
            }

            reader.Dispose();
        }
    }

    /// <summary>
    /// Cancels what is left of a batch on the server and closes its reader, which otherwise reads every remaining chunk
    /// to the end; what this meets is the aftermath of the failure being thrown, which it must not replace.
    /// </summary>
    private static void StopQuietly(NpgsqlBatch reads, NpgsqlDataReader reader)
    {
        try
        {
            reads.Cancel();
            reader.Dispose();
        }
        catch (Exception e) when (ConnectionFailure.IsConnectionProblem(e) || e is InvalidOperationException or ObjectDisposedException)
        {
            // Cancelled (57014) or broken: the failure already on its way says what went wrong.
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
}
