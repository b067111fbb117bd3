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
/// logger as it is then. Without a <see cref="MemoOptions.CacheDirectory"/>, local entries are staged in a
/// <see cref="StagingFolder"/>. A result PostgreSQL cannot take is published later (<see cref="PendingPublications"/>).
/// The seam is synchronous; the store's calls are awaited here, on the miss path only.
/// </summary>
internal sealed class PostgresSharedTier : ISharedTier
{
    private readonly MemoOptions _options;
    private readonly Lazy<ILogger?> _logger;
    private readonly Lazy<PostgresStore> _store;
    private readonly Lazy<StagingFolder> _staging = new(StagingFolder.Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ConcurrentDictionary<EntryKey, ComputationClaim> _claims = new();

    public PostgresSharedTier(string connectionString, MemoOptions options, PostgresStoreSettings? settings = null)
    {
        // Parse now, so that a malformed connection string is an error at configuration, not a warning per call.
        _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        _options = options;
        options.FileSystem = new StagingFileSystem(
            options.FileSystem, () => _staging.IsValueCreated ? _staging.Value.Path : null, () => options.MmapMode == MmapMode.None);
        _logger = new Lazy<ILogger?>(() => options.LoggerFactory?.CreateLogger("MemoGen"), LazyThreadSafetyMode.ExecutionAndPublication);
        _store = new Lazy<PostgresStore>(
            () => new PostgresStore(connectionString, _logger.Value, settings),
            LazyThreadSafetyMode.ExecutionAndPublication);
        Pending = new PendingPublications(() => Store, () => options.FileSystem, Published, () => _logger.Value, (settings ?? new PostgresStoreSettings()).RetryAfterOutage);
    }

    /// <inheritdoc />
    public string? StagingDirectory => _options.CacheDirectory is null ? _staging.Value.Path : null;

    /// <summary>The store behind this tier (created on first use).</summary>
    internal PostgresStore Store => _store.Value;

    /// <summary>The results waiting for PostgreSQL to come back.</summary>
    internal PendingPublications Pending { get; }

    /// <inheritdoc />
    public bool TryFetch(in Infrastructure.SharedEntry entry, FetchTarget target)
    {
        using var sink = new EntryContainerSink(target);
        if (!Store.TryRead(KeyOf(entry), sink))
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
            outcome = Store.Claim(key, CancellationToken.None);
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
    public bool IsClaimedElsewhere(in Infrastructure.SharedEntry entry) => Store.IsClaimedElsewhere(KeyOf(entry));

    /// <inheritdoc />
    public void Publish(in Infrastructure.SharedEntry entry, EntryPaths written)
    {
        EntryKey key = KeyOf(entry);
        PublishOutcome outcome;
        using (Stream container = EntryContainer.Open(written, _options.FileSystem))
        {
            outcome = _claims.TryGetValue(key, out ComputationClaim? claim)
                ? claim.PublishAsync(container, CancellationToken.None).GetAwaiter().GetResult()
                : Store.PublishUnclaimedAsync(key, container, CancellationToken.None).GetAwaiter().GetResult();
        }

        if (outcome == PublishOutcome.Failed)
        {
            Pending.Add(key, written);
        }
        else
        {
            Published(written);
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

    /// <summary>A staged entry is removed once PostgreSQL holds the key's result; a local store's entry stays.</summary>
    private void Published(EntryPaths written)
    {
        if (_options.CacheDirectory is null)
        {
            StagingFolder.DeleteEntry(written, _options.FileSystem);
        }
    }

    private static EntryKey KeyOf(in Infrastructure.SharedEntry entry) => new(entry.Function, entry.CodeVersion, entry.KeyHash);

    /// <summary>Ends a claim: a published or failed one is already released; an abandoned one is released here.</summary>
    private sealed class Lease(PostgresSharedTier tier, EntryKey key, ComputationClaim claim) : IDisposable
    {
        public void Dispose()
        {
            tier._claims.TryRemove(new(key, claim));
            claim.Abandon();
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
