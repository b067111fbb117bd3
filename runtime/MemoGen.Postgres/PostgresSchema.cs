using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>
/// Creates and migrates the store's tables (schema <c>memogen</c>). Idempotent, and safe when many processes start at
/// once: every migration runs in one transaction under a transaction-level advisory lock, and each applied version is
/// recorded in <c>memogen.schema_version</c>.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock id that serializes migrations ("MemoGenS" in ASCII).</summary>
    private const long MigrationLockId = 0x4D656D6F47656E53;

    /// <summary>Migration <c>i</c> brings the schema to version <c>i + 1</c>. Append, never edit.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE memogen.chunk (
            hash bytea PRIMARY KEY,
            size integer NOT NULL,
            data bytea NOT NULL,
            created timestamptz NOT NULL DEFAULT now());
        ALTER TABLE memogen.chunk ALTER COLUMN data SET STORAGE EXTERNAL;
        CREATE TABLE memogen.entry (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            function text NOT NULL,
            code_version text NOT NULL,
            key_hash bytea NOT NULL,
            payload_hash bytea NOT NULL,
            size bigint NOT NULL,
            producer_host text NOT NULL,
            producer_pid integer NOT NULL,
            created timestamptz NOT NULL DEFAULT now(),
            last_used timestamptz NOT NULL DEFAULT now(),
            UNIQUE (function, code_version, key_hash));
        CREATE TABLE memogen.entry_chunk (
            entry_id bigint NOT NULL REFERENCES memogen.entry (id) ON DELETE CASCADE,
            ordinal integer NOT NULL,
            chunk_hash bytea NOT NULL REFERENCES memogen.chunk (hash),
            PRIMARY KEY (entry_id, ordinal));
        CREATE INDEX entry_chunk_by_chunk ON memogen.entry_chunk (chunk_hash);
        CREATE TABLE memogen.claim (
            function text NOT NULL,
            code_version text NOT NULL,
            key_hash bytea NOT NULL,
            host text NOT NULL,
            pid integer NOT NULL,
            session_pid integer NOT NULL,
            claimed timestamptz NOT NULL DEFAULT now(),
            heartbeat timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (function, code_version, key_hash));
        CREATE TABLE memogen.failure (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            function text NOT NULL,
            code_version text NOT NULL,
            key_hash bytea NOT NULL,
            host text NOT NULL,
            pid integer NOT NULL,
            error_type text NOT NULL,
            message text NOT NULL,
            failed timestamptz NOT NULL DEFAULT now());
        CREATE INDEX failure_by_key ON memogen.failure (function, code_version, key_hash, id);
        """,
        // A payload of one chunk of at most 64 KiB lives in its entry's row (no chunk, no chunk list), so that a hit
        // is one look-up by the entry's key. Not compressed: payloads are mostly incompressible.
        """
        ALTER TABLE memogen.entry ADD COLUMN data bytea;
        ALTER TABLE memogen.entry ALTER COLUMN data SET STORAGE EXTERNAL;
        """,
        // A chunk's bytes as heap rows small enough to need no TOAST (ChunkPieces): the server reads them several
        // times faster than one TOASTed value. A chunk stored so has `pieces` set and an empty `data`, which a reader
        // of an older MemoGen fails on its size check (it computes the value locally); chunks stored before keep
        // their `data` and `pieces` null, and are still read.
        """
        ALTER TABLE memogen.chunk ADD COLUMN pieces integer;
        CREATE TABLE memogen.chunk_piece (
            chunk_hash bytea NOT NULL,
            ordinal integer NOT NULL,
            data bytea NOT NULL,
            PRIMARY KEY (chunk_hash, ordinal));
        ALTER TABLE memogen.chunk_piece ALTER COLUMN data SET STORAGE PLAIN;
        """,
    ];

    /// <summary>The version a fully migrated store is at.</summary>
    public static int LatestVersion => Migrations.Length;

    /// <summary>Brings the schema to <paramref name="targetVersion"/> (tests stop short of the latest); returns the version it found.</summary>
    public static async Task<int> MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken, int targetVersion = int.MaxValue)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLockId})", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            """
            CREATE SCHEMA IF NOT EXISTS memogen;
            CREATE TABLE IF NOT EXISTS memogen.schema_version (
                version integer PRIMARY KEY,
                applied timestamptz NOT NULL DEFAULT now());
            """,
            cancellationToken).ConfigureAwait(false);

        await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM memogen.schema_version", connection);
        int found = (int)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        for (int version = found; version < Math.Min(targetVersion, Migrations.Length); version++)
        {
            await ExecuteAsync(connection, Migrations[version], cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, $"INSERT INTO memogen.schema_version (version) VALUES ({version + 1})", cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return found;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
