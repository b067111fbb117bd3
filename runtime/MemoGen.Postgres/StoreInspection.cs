using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>A function's entries in the PostgreSQL store, per code version.</summary>
/// <param name="Function">The cache name.</param>
/// <param name="CodeVersion">The code version.</param>
/// <param name="Entries">How many entries.</param>
/// <param name="Bytes">Their payloads' total size.</param>
/// <param name="Oldest">When the oldest was created (UTC).</param>
/// <param name="LastUsed">When one was last read or written (UTC).</param>
internal sealed record StoredFunction(string Function, string CodeVersion, long Entries, long Bytes, DateTime Oldest, DateTime LastUsed);

/// <summary>A computation claimed right now.</summary>
/// <param name="Function">The cache name.</param>
/// <param name="Key">The key hash, in hexadecimal.</param>
/// <param name="Host">The machine computing it.</param>
/// <param name="ProcessId">The process computing it.</param>
/// <param name="Claimed">When it was claimed (UTC).</param>
/// <param name="Heartbeat">When its holder last said it was alive (UTC).</param>
/// <param name="Live">Whether the holder's lock session is still connected (else a waiter takes over).</param>
internal sealed record LiveClaim(string Function, string Key, string Host, int ProcessId, DateTime Claimed, DateTime Heartbeat, bool Live);

/// <summary>Read-only queries for <c>memogen</c>: what the store holds and who computes what. Never creates the schema.</summary>
internal static class StoreInspection
{
    /// <summary>The functions stored, with entry counts and sizes; throws <see cref="InvalidOperationException"/> when the database holds no store.</summary>
    public static async Task<(IReadOnlyList<StoredFunction> Functions, IReadOnlyList<LiveClaim> Claims)> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await OpenStoreAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var functions = new List<StoredFunction>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT function, code_version, count(*), coalesce(sum(size), 0)::bigint, min(created), max(last_used)
            FROM memogen.entry GROUP BY function, code_version ORDER BY function, code_version
            """,
            connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                functions.Add(new StoredFunction(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetDateTime(4), reader.GetDateTime(5)));
            }
        }

        var claims = new List<LiveClaim>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT c.function, encode(c.key_hash, 'hex'), c.host, c.pid, c.claimed, c.heartbeat,
                   EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = c.session_pid)
            FROM memogen.claim c ORDER BY c.claimed
            """,
            connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                claims.Add(new LiveClaim(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetDateTime(4), reader.GetDateTime(5), reader.GetBoolean(6)));
            }
        }

        return (functions, claims);
    }

    /// <summary>Opens a connection to the store's database; <see cref="InvalidOperationException"/> when it holds no store (the schema is never created here).</summary>
    public static async Task<NpgsqlConnection> OpenStoreAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var exists = new NpgsqlCommand("SELECT to_regclass('memogen.entry') IS NOT NULL", connection);
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                throw new InvalidOperationException($"The database {connection.Database} on {connection.Host} holds no MemoGen store (no schema memogen).");
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
