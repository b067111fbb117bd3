using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>
/// Records the last use of fetched entries off the caller's path: a hit only notes the entry's id (no lock, no I/O),
/// and a background flush writes the noted ids' <c>last_used</c> in one statement every
/// <see cref="PostgresStoreSettings.LastUseFlushInterval"/>, and once more when the store is disposed or the process
/// exits (for at most a second). So the store shows a use within that interval; the uses of a process killed in its
/// last interval are lost. A flush that fails keeps its ids for the next one; failures are never reported to a caller.
/// </summary>
internal sealed class LastUseRecorder : IAsyncDisposable
{
    /// <summary>Ids noted beyond this many (a long outage) are dropped: only a last-use time is lost.</summary>
    private const int MaxNoted = 100_000;

    private readonly PostgresConnections _connections;
    private readonly ConcurrentDictionary<long, byte> _noted = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _flushing;
    private int _count;

    public LastUseRecorder(PostgresConnections connections, TimeSpan interval)
    {
        _connections = connections;
        _flushing = Task.Run(() => FlushPeriodicallyAsync(interval));
        AppDomain.CurrentDomain.ProcessExit += FlushAtExit;
    }

    /// <summary>Notes that the entry <paramref name="entryId"/> was used now.</summary>
    public void Note(long entryId)
    {
        if (Volatile.Read(ref _count) < MaxNoted && _noted.TryAdd(entryId, 0))
        {
            Interlocked.Increment(ref _count);
        }
    }

    /// <summary>Writes the noted uses; on failure they stay noted. Returns how many entries were marked.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        foreach (KeyValuePair<long, byte> noted in _noted)
        {
            if (_noted.TryRemove(noted.Key, out _))
            {
                Interlocked.Decrement(ref _count);
                ids.Add(noted.Key);
            }
        }

        if (ids.Count == 0)
        {
            return 0;
        }

        try
        {
            await using NpgsqlConnection connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var update = new NpgsqlCommand("UPDATE memogen.entry SET last_used = now() WHERE id = ANY($1)", connection);
            update.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ids.ToArray() });
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            foreach (long id in ids)
            {
                Note(id);
            }

            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= FlushAtExit;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _flushing.ConfigureAwait(false);
        await FlushQuietlyAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task FlushPeriodicallyAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await FlushQuietlyAsync(interval).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Flushes within <paramref name="limit"/>; any failure (an outage, a timeout) leaves the ids for the next flush.</summary>
    private async Task FlushQuietlyAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Bookkeeping only: the next flush tries again.
        }
    }

    private void FlushAtExit(object? sender, EventArgs e) => FlushQuietlyAsync(TimeSpan.FromSeconds(1)).GetAwaiter().GetResult();
}
