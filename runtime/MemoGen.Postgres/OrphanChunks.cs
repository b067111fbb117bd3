using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>
/// Collects chunks no entry references: what a write cut before its entry was inserted leaves behind. Only chunks
/// untouched for <c>grace</c> are removed, since a writer still at work stores its chunks before its entry (and touches
/// a chunk it reuses); the foreign key from <c>entry_chunk</c> makes removing a referenced chunk impossible anyway.
/// </summary>
internal static class OrphanChunks
{
    /// <summary>Deletes the unreferenced chunks older than <paramref name="grace"/>; returns how many.</summary>
    public static async Task<long> CollectAsync(NpgsqlConnection connection, TimeSpan grace, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            DELETE FROM memogen.chunk c
            WHERE c.created < now() - $1
              AND NOT EXISTS (SELECT 1 FROM memogen.entry_chunk ec WHERE ec.chunk_hash = c.hash)
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = grace });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
