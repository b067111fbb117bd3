using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>The statements on <c>entry</c>, <c>claim</c> and <c>failure</c> (chunks have their own reader and writer).</summary>
internal static class EntryQueries
{
    /// <summary>The channel on which a finished (published, failed or abandoned) computation is announced; the payload is its lock id.</summary>
    public const string Channel = "memogen_entry";

    /// <summary>The entry of <paramref name="key"/> if there is one, and the id of its latest recorded failure (0 for none).</summary>
    public static async Task<(StoredEntry? Entry, long LatestFailure)> FindAsync(NpgsqlConnection connection, EntryKey key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT e.id, e.size, e.payload_hash,
                   (SELECT coalesce(max(f.id), 0) FROM memogen.failure f WHERE f.function = $1 AND f.code_version = $2 AND f.key_hash = $3)
            FROM (SELECT 1) AS one
            LEFT JOIN memogen.entry e ON e.function = $1 AND e.code_version = $2 AND e.key_hash = $3
            """,
            connection);
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        StoredEntry? entry = reader.IsDBNull(0) ? null : new StoredEntry(reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
        return (entry, reader.GetInt64(3));
    }

    /// <summary>The latest failure of <paramref name="key"/> recorded after <paramref name="since"/>, as the exception its waiters get; <see langword="null"/> if none.</summary>
    public static async Task<MemoSharedComputationException?> FailureSinceAsync(NpgsqlConnection connection, EntryKey key, long since, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT error_type, message, host, pid
            FROM memogen.failure
            WHERE function = $1 AND code_version = $2 AND key_hash = $3 AND id > $4
            ORDER BY id DESC LIMIT 1
            """,
            connection);
        AddKey(command, key);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = since });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new MemoSharedComputationException(key.ToString(), reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3))
            : null;
    }

    /// <summary>Records who computes <paramref name="key"/> (replacing the claim of a holder that died).</summary>
    public static async Task ClaimAsync(NpgsqlConnection connection, EntryKey key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO memogen.claim (function, code_version, key_hash, host, pid, session_pid)
            VALUES ($1, $2, $3, $4, $5, pg_backend_pid())
            ON CONFLICT (function, code_version, key_hash) DO UPDATE
            SET host = excluded.host, pid = excluded.pid, session_pid = excluded.session_pid, claimed = now(), heartbeat = now()
            """,
            connection);
        AddKey(command, key);
        AddProducer(command);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// In one transaction: inserts the entry (unless one is there already: only one result is kept) with its chunk list,
    /// deletes the claim and notifies waiters. Returns whether this entry was the one kept.
    /// </summary>
    public static async Task<bool> PublishAsync(NpgsqlConnection connection, EntryKey key, PublishedPayload payload, long lockId, CancellationToken cancellationToken, bool releaseClaim = true)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = new NpgsqlCommand(
            """
            WITH new_entry AS (
                INSERT INTO memogen.entry (function, code_version, key_hash, payload_hash, size, producer_host, producer_pid)
                VALUES ($1, $2, $3, $6, $7, $4, $5)
                ON CONFLICT (function, code_version, key_hash) DO NOTHING
                RETURNING id),
            chunks AS (
                INSERT INTO memogen.entry_chunk (entry_id, ordinal, chunk_hash)
                SELECT new_entry.id, chunk.ordinal - 1, chunk.hash
                FROM new_entry, unnest($8::bytea[]) WITH ORDINALITY AS chunk (hash, ordinal))
            SELECT count(*) FROM new_entry
            """,
            connection,
            transaction);
        AddKey(insert, key);
        AddProducer(insert);
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload.PayloadHash });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = payload.Size });
        insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = payload.ChunkHashes });
        bool kept = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
        await FinishAsync(connection, transaction, key, lockId, cancellationToken, releaseClaim).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return kept;
    }

    /// <summary>In one transaction: records <paramref name="failure"/>, deletes the claim and notifies waiters.</summary>
    public static async Task RecordFailureAsync(NpgsqlConnection connection, EntryKey key, Exception failure, long lockId, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO memogen.failure (function, code_version, key_hash, host, pid, error_type, message)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """,
            connection,
            transaction);
        AddKey(insert, key);
        AddProducer(insert);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = failure.GetType().FullName ?? failure.GetType().Name });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = failure.Message });
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await FinishAsync(connection, transaction, key, lockId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the claim of <paramref name="key"/> (unless <paramref name="releaseClaim"/> is false: the claim is not
    /// ours) and notifies its waiters (who re-check and may take over).
    /// </summary>
    public static async Task FinishAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, EntryKey key, long lockId, CancellationToken cancellationToken, bool releaseClaim = true)
    {
        await using var command = new NpgsqlCommand(
            $"WITH gone AS (DELETE FROM memogen.claim WHERE function = $1 AND code_version = $2 AND key_hash = $3 AND $5) SELECT pg_notify('{Channel}', $4)",
            connection,
            transaction);
        AddKey(command, key);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lockId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = releaseClaim });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds the key's function, code version and hash as the command's parameters $1, $2, $3.</summary>
    public static void AddKey(NpgsqlCommand command, EntryKey key)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Function });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.CodeVersion });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = key.KeyBytes() });
    }

    private static void AddProducer(NpgsqlCommand command)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Environment.MachineName });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Environment.ProcessId });
    }
}
