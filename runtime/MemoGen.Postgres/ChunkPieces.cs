using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace MemoGen.Postgres;

/// <summary>
/// A chunk's bytes as rows of <c>memogen.chunk_piece</c> (migration 3), each small enough to stay in its heap page
/// (<c>STORAGE PLAIN</c>: no TOAST). The server stores a 4 MiB value as about 2,000 TOAST rows of 2 KiB and reads it back
/// through a B-tree look-up of each; 525 pieces of 8,000 bytes are 525 heap pages found through one index range.
/// A chunk's row and its pieces are inserted in one transaction, so a visible chunk always has all its pieces.
/// </summary>
internal static class ChunkPieces
{
    /// <summary>
    /// The bytes of one piece: its row (a 24-byte header, the 16-byte address, the ordinal, the length word and the
    /// bytes) must fit a heap page's largest tuple, 8,160 bytes.
    /// </summary>
    public const int PieceSize = 8000;

    /// <summary>
    /// A chunk's pieces, in no set order: each says where it goes. With <c>ORDER BY</c>, a table without statistics yet
    /// (freshly filled) was read by a bitmap scan and 4 MiB sorted on disk per chunk, four times slower than TOAST.
    /// </summary>
    public const string ReadSql = "SELECT ordinal, data FROM memogen.chunk_piece WHERE chunk_hash = $1";

    /// <summary>
    /// Marks the chunk used now if it is stored, else inserts its row; waits for a writer inserting the same chunk at
    /// this moment, and inserts nothing when that writer commits. Affects one row only when this writer must store the pieces.
    /// </summary>
    private const string TouchOrInsertSql =
        """
        WITH touched AS (UPDATE memogen.chunk SET created = now() WHERE hash = $1 RETURNING 1)
        INSERT INTO memogen.chunk (hash, size, data, pieces)
        SELECT $1, $2, '', $3 WHERE NOT EXISTS (SELECT 1 FROM touched)
        ON CONFLICT (hash) DO NOTHING
        """;

    private const string CopySql = "COPY memogen.chunk_piece (chunk_hash, ordinal, data) FROM STDIN (FORMAT binary)";

    /// <summary>How many pieces a chunk of <paramref name="length"/> bytes is stored as.</summary>
    public static int CountFor(int length) => (length + PieceSize - 1) / PieceSize;

    /// <summary>
    /// Stores the chunk <paramref name="data"/> under <paramref name="hash"/> unless it is stored already (then marks it
    /// used now, which keeps orphan collection away from it): its row, then its pieces in one binary <c>COPY</c>, in one
    /// transaction. Another writer storing the same chunk at the same moment is waited for, and its pieces are kept.
    /// </summary>
    public static async Task StoreAsync(NpgsqlConnection connection, byte[] hash, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // A chunk is unreferenced until its entry's (synchronous) commit, which flushes the log past it. LOCAL: the
        // setting ends with this transaction, so the pooled connection's next user commits synchronously again. Sent in
        // one batch with the row's insert: no round trip of its own.
        await using (var insert = new NpgsqlBatch(connection, transaction))
        {
            insert.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
            var row = new NpgsqlBatchCommand(TouchOrInsertSql);
            row.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = hash });
            row.Parameters.Add(new NpgsqlParameter<int> { TypedValue = data.Length });
            row.Parameters.Add(new NpgsqlParameter<int> { TypedValue = CountFor(data.Length) });
            insert.BatchCommands.Add(row);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (row.RecordsAffected == 1)
            {
                await CopyAsync(connection, hash, data, cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, byte[] hash, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await using NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(CopySql, cancellationToken).ConfigureAwait(false);
        for (int ordinal = 0, offset = 0; offset < data.Length; ordinal++, offset += PieceSize)
        {
            await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(hash, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(ordinal, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(data.Slice(offset, Math.Min(PieceSize, data.Length - offset)), NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
        }

        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
