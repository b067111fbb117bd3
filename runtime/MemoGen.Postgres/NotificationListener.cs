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
/// The session is served by a thread of its own, with blocking calls: a waiter blocks its thread (the runtime's miss
/// path is synchronous), and when waiters hold every thread of the pool, a wake-up that needed the pool would come only
/// when the pool adds a thread (a stall of seconds, measured in the four-worker sweep).
/// </summary>
internal sealed class NotificationListener : IDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    /// <summary>How long the session's wait lasts before it looks whether the store is being disposed.</summary>
    private static readonly TimeSpan StopCheck = TimeSpan.FromMilliseconds(100);

    private readonly PostgresConnections _connections;
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _waiters = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _startLock = new();
    private Thread? _thread;
    private TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public NotificationListener(PostgresConnections connections) => _connections = connections;

    /// <summary>
    /// A task that completes at the next notification for <paramref name="lockId"/>. A notification is caught only while
    /// the session listens: check for what was waited for after <see cref="WaitUntilListening"/>, not before.
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
            if (_thread is null && !_stop.IsCancellationRequested)
            {
                _thread = new Thread(Listen) { IsBackground = true, Name = "MemoGen PostgreSQL LISTEN" };
                _thread.Start();
            }
        }
    }

    /// <summary>Blocks until the session listens, at most <paramref name="timeout"/> (the waiters' slow re-check covers the rest).</summary>
    public void WaitUntilListening(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Start();
        Volatile.Read(ref _listening).Task.Wait(timeout, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Thread? thread;
        lock (_startLock)
        {
            _stop.Cancel();
            thread = _thread;
        }

        thread?.Join();
        _stop.Dispose();
    }

    private void Listen()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using NpgsqlConnection connection = _connections.OpenSession();
                connection.Notification += OnNotification;
                using (var listen = new NpgsqlCommand($"LISTEN {EntryQueries.Channel}", connection))
                {
                    listen.ExecuteNonQuery();
                }

                Volatile.Read(ref _listening).TrySetResult();
                while (!_stop.IsCancellationRequested)
                {
                    connection.Wait(StopCheck);
                }
            }
            catch (Exception e) when (e is NpgsqlException or System.IO.IOException or TimeoutException or InvalidOperationException)
            {
                // Waiters fall back on their slow re-check until the session is back.
                if (Volatile.Read(ref _listening).Task.IsCompleted)
                {
                    Volatile.Write(ref _listening, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                }

                _stop.Token.WaitHandle.WaitOne(ReconnectDelay);
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
