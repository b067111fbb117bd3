using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using MemoGen.Disk;
using MemoGen.Infrastructure;
using Microsoft.Extensions.Logging;

namespace MemoGen.Postgres;

/// <summary>
/// The runtime's <see cref="ISharedTier"/> on a <see cref="PostgresStore"/>: a local disk entry (metadata and payload
/// files) travels as one <see cref="EntryContainer"/> payload. The store is created on first use, with the options'
/// logger as it is then. The seam is synchronous; the store's calls are awaited here, on the miss path only.
/// </summary>
internal sealed class PostgresSharedTier : ISharedTier
{
    private readonly Lazy<PostgresStore> _store;
    private readonly ConcurrentDictionary<EntryKey, ComputationClaim> _claims = new();

    public PostgresSharedTier(string connectionString, MemoOptions options, PostgresStoreSettings? settings = null)
    {
        // Parse now, so that a malformed connection string is an error at configuration, not a warning per call.
        _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        _store = new Lazy<PostgresStore>(
            () => new PostgresStore(connectionString, options.LoggerFactory?.CreateLogger("MemoGen"), settings),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The store behind this tier (created on first use).</summary>
    internal PostgresStore Store => _store.Value;

    /// <inheritdoc />
    public bool TryFetch(in Infrastructure.SharedEntry entry, FetchTarget target)
    {
        EntryKey key = KeyOf(entry);
        if (Store.FindAsync(key, CancellationToken.None).GetAwaiter().GetResult() is not { } found)
        {
            return false;
        }

        using var sink = new EntryContainerSink(target);
        if (!Store.TryReadAsync(found, sink, CancellationToken.None).GetAwaiter().GetResult())
        {
            return false;
        }

        sink.Commit();
        return true;
    }

    /// <inheritdoc />
    public SharedClaim Claim(in Infrastructure.SharedEntry entry)
    {
        EntryKey key = KeyOf(entry);
        ClaimOutcome outcome;
        try
        {
            outcome = Store.ClaimAsync(key, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (MemoSharedComputationException failure)
        {
            return SharedClaim.FailedElsewhere(failure);
        }

        if (outcome.Entry is not null)
        {
            return SharedClaim.PublishedByAnother;
        }

        if (outcome.Claim is not { } claim)
        {
            // PostgreSQL is unavailable (logged once by the store): compute locally, holding nothing.
            return new SharedClaim(LocalOnly.Instance);
        }

        _claims[key] = claim;
        return new SharedClaim(new Lease(this, key, claim));
    }

    /// <inheritdoc />
    public void Publish(in Infrastructure.SharedEntry entry, EntryPaths written)
    {
        EntryKey key = KeyOf(entry);
        using Stream container = EntryContainer.Open(written);
        if (_claims.TryGetValue(key, out ComputationClaim? claim))
        {
            claim.PublishAsync(container, CancellationToken.None).GetAwaiter().GetResult();
        }
        else
        {
            Store.PublishUnclaimedAsync(key, container, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <inheritdoc />
    public void Fail(in Infrastructure.SharedEntry entry, Exception failure)
    {
        if (_claims.TryGetValue(KeyOf(entry), out ComputationClaim? claim))
        {
            claim.FailAsync(failure).GetAwaiter().GetResult();
        }
    }

    private static EntryKey KeyOf(in Infrastructure.SharedEntry entry) => new(entry.Function, entry.CodeVersion, entry.KeyHash);

    /// <summary>Ends a claim: a published or failed one is already released; an abandoned one is released here.</summary>
    private sealed class Lease(PostgresSharedTier tier, EntryKey key, ComputationClaim claim) : IDisposable
    {
        public void Dispose()
        {
            tier._claims.TryRemove(new(key, claim));
            claim.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private sealed class LocalOnly : IDisposable
    {
        public static readonly LocalOnly Instance = new();

        public void Dispose()
        {
        }
    }
}
