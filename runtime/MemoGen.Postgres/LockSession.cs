using System;
using System.Collections.Generic;
using System.Data;
using System.Threading;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>
/// The worker's lock connection: one unpooled session holding the session-level advisory locks of every key this store
/// computes. The server releases them when the session ends (the process died, the host vanished, the backend was
/// terminated). Work done "on the lock session" checks that it is still the session the lock was taken on, so a
/// holder whose session was killed is fenced out: it can no longer publish. Calls are serialized (a connection runs one
/// command at a time); a broken session is replaced on the next call, in a new generation. Calls block the calling
/// thread: they are on the runtime's synchronous miss path, where a thread blocked on its socket wakes sooner than an
/// awaited continuation handed back through the thread pool.
/// </summary>
internal sealed class LockSession : IDisposable
{
    private readonly PostgresConnections _connections;
    private readonly Lock _gate = new();
    private readonly HashSet<long> _held = [];
    private NpgsqlConnection? _connection;
    private int _generation;

    public LockSession(PostgresConnections connections) => _connections = connections;

    /// <summary>
    /// Runs <paramref name="attempt"/> on the session: it may take the lock <paramref name="lockId"/> (when its second
    /// argument is true: no other caller of this process holds it) and says whether it did. Returns the session
    /// generation the lock was taken in (<see langword="null"/> when it was not) and the attempt's result.
    /// </summary>
    public (int? Generation, T Result) TryLock<T>(long lockId, Func<NpgsqlConnection, bool, (bool Locked, T Result)> attempt)
    {
        lock (_gate)
        {
            // Session locks are re-entrant: a second caller in this process must wait like any other.
            bool mayLock = !_held.Contains(lockId);
            NpgsqlConnection connection = Connected();
            (bool locked, T result) = OnSession(connection, () => attempt(connection, mayLock));
            if (!locked)
            {
                return (null, result);
            }

            _held.Add(lockId);
            return (_generation, result);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the session that holds the lock taken in <paramref name="generation"/>;
    /// <see cref="LockLostException"/> when that session is gone.
    /// </summary>
    public T Run<T>(int generation, Func<NpgsqlConnection, T> work)
    {
        lock (_gate)
        {
            NpgsqlConnection connection = Current(generation);
            return OnSession(connection, () => work(connection));
        }
    }

    /// <summary>Releases <paramref name="lockId"/> if the session it was taken on is still there (else the server already did).</summary>
    public void Unlock(int generation, long lockId)
    {
        lock (_gate)
        {
            if (_generation != generation || !_held.Remove(lockId) || _connection is not { } connection)
            {
                return;
            }

            OnSession(connection, () =>
            {
                using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lockId });
                return command.ExecuteScalar();
            });
        }
    }

    /// <summary>Marks the claims of this session as alive (so that <c>memogen</c> can tell live claims from stale ones).</summary>
    public void Heartbeat()
    {
        lock (_gate)
        {
            if (_held.Count == 0 || _connection is not { } connection)
            {
                return;
            }

            OnSession(connection, () =>
            {
                using var command = new NpgsqlCommand("UPDATE memogen.claim SET heartbeat = now() WHERE session_pid = pg_backend_pid()", connection);
                return command.ExecuteNonQuery();
            });
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            Drop();
        }
    }

    private NpgsqlConnection Current(int generation) =>
        _generation == generation && _connection is { State: ConnectionState.Open } connection
            ? connection
            : throw new LockLostException();

    private NpgsqlConnection Connected()
    {
        if (_connection is { State: ConnectionState.Open } open)
        {
            return open;
        }

        Drop();
        _connection = _connections.OpenSession();
        return _connection;
    }

    /// <summary>Runs a command on the session; when the session breaks, every lock it held is gone: forget them.</summary>
    private T OnSession<T>(NpgsqlConnection connection, Func<T> command)
    {
        try
        {
            return command();
        }
        catch (Exception e) when (e is NpgsqlException or ObjectDisposedException or InvalidOperationException && connection.State != ConnectionState.Open)
        {
            Drop();
            throw new LockLostException(e);
        }
    }

    private void Drop()
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
            connection.Dispose();
        }
        catch (Exception e) when (e is NpgsqlException or System.IO.IOException)
        {
            // The session is already dead; its locks went with it.
        }
    }
}
