using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>An entry of the store whose payload does not verify.</summary>
/// <param name="Function">The function's cache name.</param>
/// <param name="CodeVersion">The code version.</param>
/// <param name="Key">The key hash, in hex.</param>
/// <param name="Problem">What is wrong (a missing or altered chunk, a wrong length or hash).</param>
internal sealed record BadSharedEntry(string Function, string CodeVersion, string Key, string Problem);

/// <summary>The outcome of <see cref="StoreMaintenance.VerifyAsync"/>.</summary>
/// <param name="Checked">How many entries were read.</param>
/// <param name="Bad">The entries that do not verify.</param>
/// <param name="Removed">How many of them were removed (with <c>fix</c>).</param>
internal sealed record SharedVerifyReport(int Checked, IReadOnlyList<BadSharedEntry> Bad, int Removed);

/// <summary>
/// Maintenance for <c>memogen postgres</c>: verify every entry (each chunk against its address, the payload against
/// its length and hash), optionally removing the bad ones, and prune the chunks no entry references.
/// </summary>
internal static class StoreMaintenance
{
    /// <summary>Reads every entry's payload and checks it; with <paramref name="fix"/>, removes the entries that do not verify.</summary>
    public static async Task<SharedVerifyReport> VerifyAsync(string connectionString, bool fix, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await StoreInspection.OpenStoreAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var keys = new List<EntryKey>();
        await using (var list = new NpgsqlCommand("SELECT function, code_version, key_hash FROM memogen.entry ORDER BY id", connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                keys.Add(EntryKey.FromStored(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2)));
            }
        }

        var bad = new List<BadSharedEntry>();
        int removed = 0;
        foreach (EntryKey key in keys)
        {
            try
            {
                ChunkReader.TryRead(connection, key, Stream.Null);
                continue;
            }
            catch (InvalidDataException e)
            {
                bad.Add(new BadSharedEntry(key.Function, key.CodeVersion, Convert.ToHexStringLower(key.KeyBytes()), e.Message));
            }

            if (fix)
            {
                await using var delete = new NpgsqlCommand("DELETE FROM memogen.entry WHERE function = $1 AND code_version = $2 AND key_hash = $3", connection);
                EntryQueries.AddKey(delete.Parameters, key);
                removed += await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return new SharedVerifyReport(keys.Count, bad, removed);
    }

    /// <summary>Deletes the chunks no entry references that were not touched for <paramref name="grace"/>; returns how many.</summary>
    public static async Task<long> PruneAsync(string connectionString, TimeSpan grace, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await StoreInspection.OpenStoreAsync(connectionString, cancellationToken).ConfigureAwait(false);
        return await OrphanChunks.CollectAsync(connection, grace, cancellationToken).ConfigureAwait(false);
    }
}
