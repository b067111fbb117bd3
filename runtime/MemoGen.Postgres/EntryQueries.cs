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

    /// <summary>Finds the entry of the key ($1, $2, $3) and the id of its latest recorded failure: one row, the entry's columns null when there is none.</summary>
    private const string FindSql =
        """
        SELECT e.id, e.size, e.payload_hash,
               (SELECT coalesce(max(f.id), 0) FROM memogen.failure f WHERE f.function = $1 AND f.code_version = $2 AND f.key_hash = $3)
        FROM (SELECT 1) AS one
        LEFT JOIN memogen.entry e ON e.function = $1 AND e.code_version = $2 AND e.key_hash = $3
        """;

    /// <summary>
    /// Takes the advisory lock $6 if $7 allows it and nobody holds it, and then records the claim (replacing that of a
    /// holder that died); returns a row only when it took the lock.
    /// </summary>
    private const string LockAndClaimSql =
        """
        INSERT INTO memogen.claim (function, code_version, key_hash, host, pid, session_pid)
        SELECT $1, $2, $3, $4, $5, pg_backend_pid() WHERE CASE WHEN $7 THEN pg_try_advisory_lock($6) ELSE false END
        ON CONFLICT (function, code_version, key_hash) DO UPDATE
        SET host = excluded.host, pid = excluded.pid, session_pid = excluded.session_pid, claimed = now(), heartbeat = now()
        RETURNING true
        """;

    /// <summary>The entry of <paramref name="key"/> if there is one, and the id of its latest recorded failure (0 for none).</summary>
    public static async Task<(StoredEntry? Entry, long LatestFailure)> FindAsync(NpgsqlConnection connection, EntryKey key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(FindSql, connection);
        AddKey(command.Parameters, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadFoundAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="FindAsync"/>, blocking the calling thread.</summary>
    public static (StoredEntry? Entry, long LatestFailure) Find(NpgsqlConnection connection, EntryKey key)
    {
        using var command = new NpgsqlCommand(FindSql, connection);
        AddKey(command.Parameters, key);
        using NpgsqlDataReader reader = command.ExecuteReader();
        return ReadFound(reader);
    }

    /// <summary>
    /// In one round trip on the lock session: looks the entry up, takes the lock <paramref name="lockId"/> and records
    /// the claim if <paramref name="mayLock"/> and nobody holds it, then looks again (a fresh snapshot: an entry
    /// published before the lock was taken is seen). Returns whether the lock was taken, with both looks.
    /// </summary>
    public static (bool Locked, ClaimAttempt Attempt) TryLockAndClaim(NpgsqlConnection connection, EntryKey key, long lockId, bool mayLock)
    {
        using var batch = new NpgsqlBatch(connection);
        var before = new NpgsqlBatchCommand(FindSql);
        var claim = new NpgsqlBatchCommand(LockAndClaimSql);
        var after = new NpgsqlBatchCommand(FindSql);
        AddKey(before.Parameters, key);
        AddKey(claim.Parameters, key);
        AddProducer(claim.Parameters);
        claim.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lockId });
        claim.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = mayLock });
        AddKey(after.Parameters, key);
        batch.BatchCommands.Add(before);
        batch.BatchCommands.Add(claim);
        batch.BatchCommands.Add(after);
        using NpgsqlDataReader reader = batch.ExecuteReader();
        (StoredEntry? entryBefore, long failureBefore) = ReadFound(reader);
        reader.NextResult();
        bool locked = reader.Read();
        reader.NextResult();
        (StoredEntry? entryAfter, long failureAfter) = ReadFound(reader);
        return (locked, new ClaimAttempt(entryBefore ?? entryAfter, failureBefore, failureAfter));
    }

    /// <summary>Whether <paramref name="key"/> is claimed and not published: one round trip, no lock taken.</summary>
    public static bool IsClaimed(NpgsqlConnection connection, EntryKey key)
    {
        using var command = new NpgsqlCommand(
            """
            SELECT EXISTS (SELECT 1 FROM memogen.claim WHERE function = $1 AND code_version = $2 AND key_hash = $3)
               AND NOT EXISTS (SELECT 1 FROM memogen.entry WHERE function = $1 AND code_version = $2 AND key_hash = $3)
            """,
            connection);
        AddKey(command.Parameters, key);
        return (bool)command.ExecuteScalar()!;
    }

    /// <summary>The latest failure of <paramref name="key"/> recorded after <paramref name="since"/>, as the exception its waiters get; <see langword="null"/> if none.</summary>
    public static MemoSharedComputationException? FailureSince(NpgsqlConnection connection, EntryKey key, long since)
    {
        using var command = new NpgsqlCommand(
            """
            SELECT error_type, message, host, pid
            FROM memogen.failure
            WHERE function = $1 AND code_version = $2 AND key_hash = $3 AND id > $4
            ORDER BY id DESC LIMIT 1
            """,
            connection);
        AddKey(command.Parameters, key);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = since });
        using NpgsqlDataReader reader = command.ExecuteReader();
        return reader.Read()
            ? new MemoSharedComputationException(key.ToString(), reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3))
            : null;
    }

    /// <summary>
    /// In one statement (one transaction, one round trip): inserts the entry (unless one is there already: only one result
    /// is kept) with its payload inline if it is one small chunk, else with its chunk list, deletes the claim (unless <paramref name="releaseClaim"/> is false: the claim
    /// is not ours) and notifies waiters. Returns whether this entry was the one kept.
    /// </summary>
    public static bool Publish(NpgsqlConnection connection, EntryKey key, PublishedPayload payload, long lockId, bool releaseClaim = true)
    {
        using var insert = new NpgsqlCommand(
            $"""
            WITH new_entry AS (
                INSERT INTO memogen.entry (function, code_version, key_hash, payload_hash, size, producer_host, producer_pid, data)
                VALUES ($1, $2, $3, $6, $7, $4, $5, $11)
                ON CONFLICT (function, code_version, key_hash) DO NOTHING
                RETURNING id),
            chunks AS (
                INSERT INTO memogen.entry_chunk (entry_id, ordinal, chunk_hash)
                SELECT new_entry.id, chunk.ordinal - 1, chunk.hash
                FROM new_entry, unnest($8::bytea[]) WITH ORDINALITY AS chunk (hash, ordinal)
                WHERE $11 IS NULL),
            gone AS (
                DELETE FROM memogen.claim WHERE function = $1 AND code_version = $2 AND key_hash = $3 AND $9)
            SELECT (SELECT count(*) FROM new_entry), pg_notify('{Channel}', $10)
            """,
            connection);
        AddKey(insert.Parameters, key);
        AddProducer(insert.Parameters);
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload.PayloadHash });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = payload.Size });
        insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = payload.ChunkHashes });
        insert.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = releaseClaim });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lockId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea, Value = (object?)payload.InlineData ?? DBNull.Value });
        return (long)insert.ExecuteScalar()! == 1;
    }

    /// <summary>In one transaction: records <paramref name="failure"/>, deletes the claim and notifies waiters.</summary>
    public static void RecordFailure(NpgsqlConnection connection, EntryKey key, Exception failure, long lockId)
    {
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        using var insert = new NpgsqlCommand(
            """
            INSERT INTO memogen.failure (function, code_version, key_hash, host, pid, error_type, message)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """,
            connection,
            transaction);
        AddKey(insert.Parameters, key);
        AddProducer(insert.Parameters);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = failure.GetType().FullName ?? failure.GetType().Name });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = failure.Message });
        insert.ExecuteNonQuery();
        Finish(connection, transaction, key, lockId);
        transaction.Commit();
    }

    /// <summary>
    /// Deletes the claim of <paramref name="key"/> (unless <paramref name="releaseClaim"/> is false: the claim is not
    /// ours) and notifies its waiters (who re-check and may take over).
    /// </summary>
    public static void Finish(NpgsqlConnection connection, NpgsqlTransaction? transaction, EntryKey key, long lockId, bool releaseClaim = true)
    {
        using var command = new NpgsqlCommand(
            $"WITH gone AS (DELETE FROM memogen.claim WHERE function = $1 AND code_version = $2 AND key_hash = $3 AND $5) SELECT pg_notify('{Channel}', $4)",
            connection,
            transaction);
        AddKey(command.Parameters, key);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lockId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = releaseClaim });
        command.ExecuteNonQuery();
    }

    /// <summary>Adds the key's function, code version and hash as the command's parameters $1, $2, $3.</summary>
    public static void AddKey(NpgsqlParameterCollection parameters, EntryKey key)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Function });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = key.CodeVersion });
        parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = key.KeyBytes() });
    }

    private static void AddProducer(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = Environment.MachineName });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = Environment.ProcessId });
    }

    private static async Task<(StoredEntry? Entry, long LatestFailure)> ReadFoundAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return Found(reader);
    }

    private static (StoredEntry? Entry, long LatestFailure) ReadFound(NpgsqlDataReader reader)
    {
        reader.Read();
        return Found(reader);
    }

    private static (StoredEntry? Entry, long LatestFailure) Found(NpgsqlDataReader reader)
    {
        StoredEntry? entry = reader.IsDBNull(0) ? null : new StoredEntry(reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
        return (entry, reader.GetInt64(3));
    }
}
