using System;
using System.Collections.Generic;
using System.Data;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>
/// The worker's lock connection: one unpooled session holding the session-level advisory locks of every key this store
/// computes. The server releases them when the session ends (the process died, the host vanished, the backend was
/// terminated). Work done "on the lock session" checks that it is still the session the lock was taken on, so a
/// holder whose session was killed is fenced out: it can no longer publish. Calls are serialized (a connection runs one
/// command at a time); a broken session is replaced on the next call, in a new generation.
/// </summary>
internal sealed class LockSession : IAsyncDisposable
{
    private readonly PostgresConnections _connections;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<long> _held = [];
    private NpgsqlConnection? _connection;
    private int _generation;

    public LockSession(PostgresConnections connections) => _connections = connections;

    /// <summary>
    /// Runs <paramref name="attempt"/> on the session: it may take the lock <paramref name="lockId"/> (when its second
    /// argument is true: no other caller of this process holds it) and says whether it did. Returns the session
    /// generation the lock was taken in (<see langword="null"/> when it was not) and the attempt's result.
    /// </summary>
    public async Task<(int? Generation, T Result)> TryLockAsync<T>(long lockId, Func<NpgsqlConnection, bool, Task<(bool Locked, T Result)>> attempt, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Session locks are re-entrant: a second caller in this process must wait like any other.
            bool mayLock = !_held.Contains(lockId);
            NpgsqlConnection connection = await ConnectedAsync(cancellationToken).ConfigureAwait(false);
            (bool locked, T result) = await OnSessionAsync(connection, () => attempt(connection, mayLock)).ConfigureAwait(false);
            if (!locked)
            {
                return (null, result);
            }

            _held.Add(lockId);
            return (_generation, result);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the session that holds the lock taken in <paramref name="generation"/>;
    /// <see cref="LockLostException"/> when that session is gone.
    /// </summary>
    public async Task<T> RunAsync<T>(int generation, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            NpgsqlConnection connection = Current(generation);
            return await OnSessionAsync(connection, () => work(connection)).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Releases <paramref name="lockId"/> if the session it was taken on is still there (else the server already did).</summary>
    public async Task UnlockAsync(int generation, long lockId)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_generation != generation || !_held.Remove(lockId) || _connection is not { } connection)
            {
                return;
            }

            await OnSessionAsync(connection, async () =>
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lockId });
                return await command.ExecuteScalarAsync().ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Marks the claims of this session as alive (so that <c>memogen</c> can tell live claims from stale ones).</summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_held.Count == 0 || _connection is not { } connection)
            {
                return;
            }

            await OnSessionAsync(connection, async () =>
            {
                await using var command = new NpgsqlCommand("UPDATE memogen.claim SET heartbeat = now() WHERE session_pid = pg_backend_pid()", connection);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await DropAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private NpgsqlConnection Current(int generation) =>
        _generation == generation && _connection is { State: ConnectionState.Open } connection
            ? connection
            : throw new LockLostException();

    private async Task<NpgsqlConnection> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_connection is { State: ConnectionState.Open } open)
        {
            return open;
        }

        await DropAsync().ConfigureAwait(false);
        _connection = await _connections.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
        return _connection;
    }

    /// <summary>Runs a command on the session; when the session breaks, every lock it held is gone: forget them.</summary>
    private async Task<T> OnSessionAsync<T>(NpgsqlConnection connection, Func<Task<T>> command)
    {
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or ObjectDisposedException or InvalidOperationException && connection.State != ConnectionState.Open)
        {
            await DropAsync().ConfigureAwait(false);
            throw new LockLostException(e);
        }
    }

    private async Task DropAsync()
    {
        if (_connection is null)
        {
            return;
        }

        _held.Clear();
        _generation++;
        NpgsqlConnection connection = _connection;
        _connection = null;
        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or System.IO.IOException)
        {
            // The session is already dead; its locks went with it.
        }
    }
}
