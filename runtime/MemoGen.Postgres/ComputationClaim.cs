using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace MemoGen.Postgres;

/// <summary>
/// The right to compute one key, held as a session advisory lock: end it with <see cref="PublishAsync"/> (the result),
/// <see cref="FailAsync"/> (the exception, for the waiters) or by disposing it (abandoned: a waiter takes over). Each of
/// these releases the lock and wakes the waiters. None throws for a database problem: the caller keeps its result.
/// </summary>
internal sealed class ComputationClaim : IAsyncDisposable
{
    private readonly PostgresStore _store;
    private readonly long _lockId;
    private readonly int _generation;
    private int _finished;

    public ComputationClaim(PostgresStore store, EntryKey key, long lockId, int generation)
    {
        _store = store;
        Key = key;
        _lockId = lockId;
        _generation = generation;
    }

    /// <summary>The key this claim computes.</summary>
    public EntryKey Key { get; }

    /// <summary>
    /// Stores <paramref name="payload"/> (read to its end, chunk by chunk) and publishes the entry on the lock session.
    /// Returns <see cref="PublishOutcome.Kept"/> when this result is the one kept, <see cref="PublishOutcome.AnotherKept"/>
    /// when another result was kept first, <see cref="PublishOutcome.Failed"/> when the lock was lost (another worker
    /// took over) or PostgreSQL failed (logged).
    /// </summary>
    public async Task<PublishOutcome> PublishAsync(Stream payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        Finish();
        try
        {
            PublishedPayload published = await _store.WriteChunksAsync(payload, cancellationToken).ConfigureAwait(false);
            bool kept = _store.Locks.Run(_generation, connection => EntryQueries.Publish(connection, Key, published, _lockId));
            // Waiters already found the entry on the notification: the caller need not wait for the unlock.
            _ = Task.Run(Unlock, CancellationToken.None);
            return kept ? PublishOutcome.Kept : PublishOutcome.AnotherKept;
        }
        catch (Exception e) when (ConnectionFailure.IsConnectionProblem(e))
        {
            _store.ReportPublishFailure(Key, e);
            Unlock();
            return PublishOutcome.Failed;
        }
        catch
        {
            Unlock();
            throw;
        }
    }

    /// <summary>Records that the computation threw <paramref name="failure"/>, so that every waiter gets it (it is not cached).</summary>
    public async Task FailAsync(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Finish();
        try
        {
            _store.Locks.Run(_generation, connection =>
            {
                EntryQueries.RecordFailure(connection, Key, failure, _lockId);
                return true;
            });
        }
        catch (Exception e) when (ConnectionFailure.IsConnectionProblem(e))
        {
            _store.ReportPublishFailure(Key, e);
        }
        finally
        {
            Unlock();
        }
    }

    /// <summary>Abandons the claim; see <see cref="Abandon"/>.</summary>
    public ValueTask DisposeAsync()
    {
        Abandon();
        return ValueTask.CompletedTask;
    }

    /// <summary>Abandons the claim if it was neither published nor failed: the lock is released and waiters re-check.</summary>
    public void Abandon()
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return;
        }

        try
        {
            _store.Locks.Run(_generation, connection =>
            {
                EntryQueries.Finish(connection, null, Key, _lockId);
                return true;
            });
        }
        catch (Exception e) when (ConnectionFailure.IsConnectionProblem(e))
        {
            // The session is gone, and its lock with it: waiters will notice on their next re-check.
        }
        finally
        {
            Unlock();
        }
    }

    private void Finish()
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            throw new InvalidOperationException($"The claim on {Key} has already ended.");
        }
    }

    /// <summary>Releases the lock; never throws (a dead or disposed session has released it already).</summary>
    private void Unlock()
    {
        try
        {
            _store.Locks.Unlock(_generation, _lockId);
        }
        catch (Exception)
        {
            // Unlocking a dead or disposed session is the server's job: it released the lock with the session.
        }
    }
}
