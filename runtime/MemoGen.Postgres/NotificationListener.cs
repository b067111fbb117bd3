using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>
/// One LISTEN session per store, started on first use, that wakes the waiters of a key when its computation finishes.
/// A notification can be missed (the session reconnecting, a waiter subscribing late): waiters also re-check slowly.
/// </summary>
internal sealed class NotificationListener : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);
    private readonly PostgresConnections _connections;
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _waiters = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _startLock = new();
    private Task? _loop;
    private TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public NotificationListener(PostgresConnections connections) => _connections = connections;

    /// <summary>
    /// A task that completes at the next notification for <paramref name="lockId"/>. A notification is caught only while
    /// the session listens: check for what was waited for after <see cref="ListeningAsync"/>, not before.
    /// </summary>
    public Task NextAsync(long lockId)
    {
        Start();
        return _waiters.GetOrAdd(lockId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
    }

    /// <summary>Starts listening (once), so that the session is ready by the time a caller first waits.</summary>
    public void Start()
    {
        lock (_startLock)
        {
            _loop ??= Task.Run(ListenAsync);
        }
    }

    /// <summary>Waits until the session listens, at most <paramref name="timeout"/> (the waiters' slow re-check covers the rest).</summary>
    public Task ListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Start();
        Task listening = Volatile.Read(ref _listening).Task;
        return listening.IsCompleted ? Task.CompletedTask : Task.WhenAny(listening, Task.Delay(timeout, cancellationToken));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task ListenAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using NpgsqlConnection connection = await _connections.OpenSessionAsync(_stop.Token).ConfigureAwait(false);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {EntryQueries.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(_stop.Token).ConfigureAwait(false);
                }

                Volatile.Read(ref _listening).TrySetResult();

                while (true)
                {
                    await connection.WaitAsync(_stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.IO.IOException or TimeoutException or InvalidOperationException)
            {
                // Waiters fall back on their slow re-check until the session is back.
                if (Volatile.Read(ref _listening).Task.IsCompleted)
                {
                    Volatile.Write(ref _listening, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                }

                try
                {
                    await Task.Delay(ReconnectDelay, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (long.TryParse(e.Payload, NumberStyles.Integer, CultureInfo.InvariantCulture, out long lockId) && _waiters.TryRemove(lockId, out var waiters))
        {
            waiters.TrySetResult();
        }
    }
}
