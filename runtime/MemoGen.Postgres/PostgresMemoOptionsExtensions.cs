using System;
using MemoGen.Postgres;

namespace MemoGen;

/// <summary>Puts a PostgreSQL shared tier behind a context's memory and disk tiers.</summary>
public static class PostgresMemoOptionsExtensions
{
    /// <summary>
    /// Shares the results of functions tagged <c>"disk"</c> or <c>"lazy"</c> through the PostgreSQL database at
    /// <paramref name="connectionString"/> (Npgsql syntax), with every process and machine that uses it: a local miss
    /// reads the shared entry into the disk store, and a computation is claimed so that it runs once across all of
    /// them. With a <see cref="MemoOptions.CacheDirectory"/>, shared entries are kept there too; without one, they are
    /// staged in a temporary folder of the store's own. The store creates its schema on first use; when the server
    /// cannot be used, calls compute locally, the reason is logged once, and the results are published when it
    /// answers again. See docs/postgres.md.
    /// </summary>
    /// <param name="options">The options to configure.</param>
    /// <param name="connectionString">An Npgsql connection string, such as <c>Host=db;Database=memo;Username=sweep;Password=...</c>.</param>
    /// <returns><paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty or malformed.</exception>
    public static MemoOptions UsePostgres(this MemoOptions options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            options.SharedTier = new PostgresSharedTier(connectionString, options);
        }
        catch (Exception e) when (e is FormatException or ArgumentException and not ArgumentNullException)
        {
            throw new ArgumentException($"The PostgreSQL connection string is not valid: {e.Message}", nameof(connectionString), e);
        }

        return options;
    }
}
