using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>
/// Collects chunks no entry references: what a write cut before its entry was inserted leaves behind. Only chunks
/// untouched for <c>grace</c> are removed, since a writer still at work stores its chunks before its entry (and touches
/// a chunk it reuses); the foreign key from <c>entry_chunk</c> makes removing a referenced chunk impossible anyway.
/// A chunk's pieces go with it, in the same transaction.
/// </summary>
internal static class OrphanChunks
{
    /// <summary>Deletes the unreferenced chunks older than <paramref name="grace"/> and their pieces; returns how many chunks.</summary>
    public static async Task<long> CollectAsync(NpgsqlConnection connection, TimeSpan grace, CancellationToken cancellationToken)
    {
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var collected = new List<byte[]>();
        await using (var chunks = new NpgsqlCommand(
            """
            DELETE FROM memogen.chunk c
            WHERE c.created < now() - $1
              AND NOT EXISTS (SELECT 1 FROM memogen.entry_chunk ec WHERE ec.chunk_hash = c.hash)
            RETURNING c.hash
            """,
            connection,
            transaction))
        {
            chunks.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = grace });
            await using NpgsqlDataReader reader = await chunks.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                collected.Add(reader.GetFieldValue<byte[]>(0));
            }
        }

        // An array parameter, not a join with the deleted rows, so that the server looks the pieces up by their index.
        await using (var pieces = new NpgsqlCommand("DELETE FROM memogen.chunk_piece WHERE chunk_hash = ANY($1)", connection, transaction))
        {
            pieces.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = collected.ToArray() });
            await pieces.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return collected.Count;
    }
}
