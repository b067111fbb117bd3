using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>
/// The shared tier on PostgreSQL: entries of content-addressed chunks, and compute-once across processes and machines
/// through session advisory locks and NOTIFY (see docs/postgres.md). One store per process and connection string; it
/// creates and migrates its schema on first use. Database problems never escape as exceptions from
/// <see cref="Claim"/>, <see cref="TryRead"/> or a claim: they are logged once and the caller computes locally.
/// </summary>
internal sealed class PostgresStore : IAsyncDisposable
{
    private readonly PostgresConnections _connections;
    private readonly NotificationListener _listener;
    private readonly OutageGate _outage;
    private readonly ILogger? _logger;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _heartbeat;
    private readonly ReadLanes _readLanes;
    private volatile bool _schemaReady;

    /// <summary>Prepares a store; nothing is sent to the server before the first call.</summary>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    public PostgresStore(string connectionString, ILogger? logger = null, PostgresStoreSettings? settings = null)
    {
        Settings = settings ?? new PostgresStoreSettings();
        _connections = new PostgresConnections(connectionString);
        _logger = logger;
        Locks = new LockSession(_connections);
        _listener = new NotificationListener(_connections);
        LastUse = new LastUseRecorder(_connections, Settings.LastUseFlushInterval);
        _outage = new OutageGate(_connections.Server, logger, Settings.RetryAfterOutage, Settings.Time);
        _readLanes = new ReadLanes(Settings.ReadLanes, _connections.Open);
        _heartbeat = Task.Run(HeartbeatAsync);
    }

    /// <summary>Host, port, database and user (no password).</summary>
    public string Server => _connections.Server;

    /// <summary>The tunables this store runs with.</summary>
    public PostgresStoreSettings Settings { get; }

    /// <summary>Why PostgreSQL is not being used right now, or <see langword="null"/> while it answers.</summary>
    public string? LastError => _outage.LastError;

    /// <summary>Raised when a call starts waiting for another process's computation of a key (tests order their steps with it).</summary>
    internal event Action<EntryKey>? Waiting;

    /// <summary>The last uses of fetched entries, written in the background.</summary>
    internal LastUseRecorder LastUse { get; }

    /// <summary>The lock session of this process.</summary>
    internal LockSession Locks { get; }

    /// <summary>
    /// Connects and creates or migrates the schema (once per store); throws a clear <see cref="InvalidOperationException"/>
    /// when the server cannot be used. <see cref="Claim"/> calls it itself; call it directly to fail fast.
    /// </summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ConnectionFailure.IsConnectionProblem(e))
        {
            throw new InvalidOperationException(ConnectionFailure.Describe(Server, e), e);
        }
    }

    /// <summary>
    /// Looks <paramref name="key"/> up; on a miss, takes the right to compute it, or waits for the process computing it
    /// and returns its entry. Throws <see cref="MemoSharedComputationException"/> when the computation waited for failed.
    /// Returns <see cref="ClaimOutcome.Unavailable"/> when PostgreSQL cannot be used. Blocks the calling thread, and
    /// its wait needs no other thread of the pool (see <see cref="NotificationListener"/>).
    /// </summary>
    public ClaimOutcome Claim(EntryKey key, CancellationToken cancellationToken)
    {
        if (!_outage.ShouldTry)
        {
            return ClaimOutcome.Unavailable;
        }

        try
        {
            ClaimOutcome outcome = ClaimOrWait(key, cancellationToken);
            _outage.Succeeded();
            return outcome;
        }
        catch (Exception e) when (ConnectionFailure.IsConnectionProblem(e) && !cancellationToken.IsCancellationRequested)
        {
            _outage.Failed(e);
            return ClaimOutcome.Unavailable;
        }
    }

    /// <summary>The entry of <paramref name="key"/>, or <see langword="null"/> (also when PostgreSQL is unavailable).</summary>
    public async Task<StoredEntry?> FindAsync(EntryKey key, CancellationToken cancellationToken)
    {
        if (!_outage.ShouldTry)
        {
            return null;
        }

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            (StoredEntry? entry, _) = await LookAsync(key, cancellationToken).ConfigureAwait(false);
            _outage.Succeeded();
            return entry;
        }
        catch (Exception e) when (ConnectionFailure.IsConnectionProblem(e) && !cancellationToken.IsCancellationRequested)
        {
            _outage.Failed(e);
            return null;
        }
    }

    /// <summary>
    /// Streams the payload of <paramref name="key"/>'s entry into <paramref name="destination"/>, verified chunk by
    /// chunk, in one round trip for a small payload on one pooled connection; a chunked one is read on
    /// <see cref="PostgresStoreSettings.ReadLanes"/> pooled connections at once (<see cref="ChunkLanes"/>). Blocks the
    /// calling thread (see <see cref="ChunkReader"/>).
    /// Returns false when there is no entry, PostgreSQL failed or the entry does not verify (logged): the destination
    /// then holds a partial payload that the caller must discard.
    /// </summary>
    public bool TryRead(EntryKey key, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        try
        {
            if (!TryOnPooledConnection(connection => ChunkReader.TryRead(connection, key, destination, _readLanes), out long? read) || read is not long entryId)
            {
                return false;
            }

            LastUse.Note(entryId);
            return true;
        }
        catch (InvalidDataException e)
        {
            _logger?.LogWarning(new EventId(1203, "SharedEntryInvalid"), "{Message} It is computed again locally.", e.Message);
            return false;
        }
    }

    /// <summary>
    /// Whether another holder is computing <paramref name="key"/> right now (its claim is recorded and no entry is
    /// published), blocking the calling thread for one round trip; false when PostgreSQL is unavailable. A claim left
    /// by a holder that died also counts: the caller comes back to the key later and takes it over then.
    /// </summary>
    public bool IsClaimedElsewhere(EntryKey key) =>
        TryOnPooledConnection(connection => EntryQueries.IsClaimed(connection, key), out bool claimed) && claimed;

    /// <summary>
    /// Publishes <paramref name="payload"/> under <paramref name="key"/> without a claim (computed while PostgreSQL was
    /// unavailable, or by a caller that never claimed): kept only if no entry is there. Returns whether it was kept, or
    /// <see cref="PublishOutcome.Failed"/> when PostgreSQL is unavailable.
    /// </summary>
    public async Task<PublishOutcome> PublishUnclaimedAsync(EntryKey key, Stream payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (!_outage.ShouldTry)
        {
            return PublishOutcome.Failed;
        }

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            PublishedPayload published = await WriteChunksAsync(payload, cancellationToken).ConfigureAwait(false);
            await using NpgsqlConnection connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            bool kept = EntryQueries.Publish(connection, key, published, key.LockId(), releaseClaim: false);
            _outage.Succeeded();
            return kept ? PublishOutcome.Kept : PublishOutcome.AnotherKept;
        }
        catch (Exception e) when (ConnectionFailure.IsConnectionProblem(e) && !cancellationToken.IsCancellationRequested)
        {
            _outage.Failed(e);
            return PublishOutcome.Failed;
        }
    }

    /// <summary>
    /// Deletes the chunks no entry references that were not touched for <paramref name="grace"/> (left by writes cut
    /// short); returns how many. Database errors propagate: this is maintenance, not a user's call.
    /// </summary>
    public async Task<long> CollectOrphanChunksAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlConnection connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await OrphanChunks.CollectAsync(connection, grace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _heartbeat.ConfigureAwait(false);
        _listener.Dispose();
        await LastUse.DisposeAsync().ConfigureAwait(false);
        Locks.Dispose();
        await _connections.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Stores a payload's chunks on pooled connections (not the lock session, which stays free for others).</summary>
    internal Task<PublishedPayload> WriteChunksAsync(Stream payload, CancellationToken cancellationToken) =>
        ChunkWriter.WriteAsync(_connections.OpenAsync, payload, Settings.ChunkSize, Settings.WriteLanes, cancellationToken);

    /// <summary>A claim could not publish: a lost lock is expected (another worker took over), anything else is an outage.</summary>
    internal void ReportPublishFailure(EntryKey key, Exception e)
    {
        if (e is LockLostException)
        {
            _logger?.LogWarning(new EventId(1204, "SharedLockLost"), "The result of {Key} is kept locally but not published: {Message}", key, e.Message);
            return;
        }

        _outage.Failed(e);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a pooled connection, blocking the calling thread; false when PostgreSQL is
    /// unavailable (skipped during an outage, or failing now: reported to the outage gate).
    /// </summary>
    private bool TryOnPooledConnection<T>(Func<NpgsqlConnection, T> work, out T result)
    {
        result = default!;
        if (!_outage.ShouldTry)
        {
            return false;
        }

        try
        {
            if (!_schemaReady)
            {
                EnsureSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
            }

            using NpgsqlConnection connection = _connections.Open();
            result = work(connection);
            _outage.Succeeded();
            return true;
        }
        catch (Exception e) when (ConnectionFailure.IsConnectionProblem(e))
        {
            _outage.Failed(e);
            return false;
        }
    }

    private ClaimOutcome ClaimOrWait(EntryKey key, CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            EnsureSchemaAsync(cancellationToken).GetAwaiter().GetResult();
        }

        _listener.Start();
        long lockId = key.LockId();
        long? failuresBefore = null;
        bool announced = false;
        while (true)
        {
            (int? generation, ClaimAttempt attempt) = Locks.TryLock(
                lockId,
                (connection, mayLock) => EntryQueries.TryLockAndClaim(connection, key, lockId, mayLock));
            failuresBefore ??= attempt.FailureBefore;
            ComputationClaim? claim = generation is int taken ? new ComputationClaim(this, key, lockId, taken) : null;
            if (attempt.Entry is null && attempt.FailureAfter <= failuresBefore)
            {
                if (claim is not null)
                {
                    return new ClaimOutcome(null, claim);
                }
            }
            else
            {
                // Published, or failed, by the holder waited for: nothing to compute here.
                claim?.Abandon();
                if ((attempt.Entry ?? CheckWhileWaiting(key, failuresBefore.Value)) is { } entry)
                {
                    return new ClaimOutcome(entry, null);
                }
            }

            _listener.WaitUntilListening(Settings.PollInterval, cancellationToken);
            Task notified = _listener.NextAsync(lockId);
            if (CheckWhileWaiting(key, failuresBefore.Value) is { } found)
            {
                return new ClaimOutcome(found, null);
            }

            if (!announced)
            {
                announced = true;
                _logger?.LogDebug(new EventId(1205, "SharedWaiting"), "Waiting for {Key}, which another process computes.", key);
                Waiting?.Invoke(key);
            }

            notified.Wait(Settings.PollInterval, cancellationToken);
            if (CheckWhileWaiting(key, failuresBefore.Value) is { } published)
            {
                return new ClaimOutcome(published, null);
            }
        }
    }

    /// <summary>The entry if it is there; throws the failure of the computation waited for if one was recorded since the first look.</summary>
    private StoredEntry? CheckWhileWaiting(EntryKey key, long failuresBefore)
    {
        using NpgsqlConnection connection = _connections.Open();
        (StoredEntry? entry, long latestFailure) = EntryQueries.Find(connection, key);
        if (entry is null && latestFailure > failuresBefore && EntryQueries.FailureSince(connection, key, failuresBefore) is { } failure)
        {
            throw failure;
        }

        return entry;
    }

    private async Task<(StoredEntry? Entry, long LatestFailure)> LookAsync(EntryKey key, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await EntryQueries.FindAsync(connection, key, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_schemaReady)
            {
                await using NpgsqlConnection connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
                await PostgresSchema.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private async Task HeartbeatAsync()
    {
        using var timer = new PeriodicTimer(Settings.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    Locks.Heartbeat();
                }
                catch (Exception e) when (ConnectionFailure.IsConnectionProblem(e))
                {
                    // The claims' holders find out when they publish.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
