using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>
/// The store's connections: a pool for chunks and entries, and unpooled sessions for the advisory locks and LISTEN
/// (a lock lives as long as its session, so that session must never go back to a pool). Keepalives are on both ways so
/// that a dead host or a dead server is noticed in seconds.
/// </summary>
internal sealed class PostgresConnections : IAsyncDisposable
{
    private const int NpgsqlDefaultBufferSize = 8192;
    private readonly NpgsqlDataSource _pooled;
    private readonly NpgsqlDataSource _sessions;

    /// <summary>Parses <paramref name="connectionString"/> (a clear error when it is malformed) and prepares the data sources.</summary>
    public PostgresConnections(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new ArgumentException($"The PostgreSQL connection string is not valid: {e.Message}", nameof(connectionString), e);
        }

        ApplyKeepalives(builder);
        if (builder.MaxAutoPrepare == 0)
        {
            // The store's statements are few and repeated: prepared once per physical connection, parsed never again.
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }

        if (builder.ReadBufferSize == NpgsqlDefaultBufferSize)
        {
            // Chunks of megabytes are read in fewer, larger socket reads.
            builder.ReadBufferSize = 256 * 1024;
        }

        // No pooled use leaves session state behind (advisory locks and LISTEN live on the unpooled sessions, a chunk's
        // asynchronous commit is SET LOCAL), so a connection needs no reset, which Npgsql would otherwise send with its
        // next statement: a small remote hit is then one statement on the wire. An open transaction is still rolled back.
        builder.NoResetOnClose = true;
        Server = $"{builder.Host}:{builder.Port}/{builder.Database} as {builder.Username}";
        _pooled = NpgsqlDataSource.Create(builder.ConnectionString);
        builder.Pooling = false;
        _sessions = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>Host, port, database and user, without the password: for messages.</summary>
    public string Server { get; }

    /// <summary>Opens a pooled connection.</summary>
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => _pooled.OpenConnectionAsync(cancellationToken);

    /// <summary>Opens a pooled connection, blocking the calling thread.</summary>
    public NpgsqlConnection Open() => _pooled.OpenConnection();

    /// <summary>Opens a connection of its own (never pooled), blocking the calling thread: its advisory locks and LISTENs end with it.</summary>
    public NpgsqlConnection OpenSession() => _sessions.OpenConnection();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _pooled.DisposeAsync().ConfigureAwait(false);
        await _sessions.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Client keepalives (a protocol ping every few seconds, TCP keepalive) and server keepalives (the server drops a
    /// silent client within about 10 s, releasing its locks), unless the connection string sets its own.
    /// </summary>
    private static void ApplyKeepalives(NpgsqlConnectionStringBuilder builder)
    {
        if (builder.KeepAlive == 0)
        {
            builder.KeepAlive = 5;
        }

        builder.TcpKeepAlive = true;
        if (builder.TcpKeepAliveTime == 0)
        {
            builder.TcpKeepAliveTime = 5;
            builder.TcpKeepAliveInterval = 1;
        }

        if (string.IsNullOrEmpty(builder.Options))
        {
            builder.Options = "-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=1 -c tcp_keepalives_count=5";
        }

        const int NpgsqlDefaultConnectTimeout = 15;
        if (builder.Timeout == NpgsqlDefaultConnectTimeout)
        {
            builder.Timeout = 5;
        }
    }
}
