using System;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace MemoGen.Postgres;

/// <summary>
/// Degrades the shared tier during an outage: the first failure is logged once (an error at first use, a warning
/// later), further calls skip PostgreSQL for <see cref="PostgresStoreSettings.RetryAfterOutage"/> and compute locally,
/// and the first success afterwards says the tier is back.
/// </summary>
internal sealed class OutageGate
{
    private readonly string _server;
    private readonly ILogger? _logger;
    private readonly TimeSpan _retryAfter;
    private readonly TimeProvider _time;
    private long _retryAtTicks;
    private int _down;
    private int _everWorked;

    public OutageGate(string server, ILogger? logger, TimeSpan retryAfter, TimeProvider time)
    {
        _server = server;
        _logger = logger;
        _retryAfter = retryAfter;
        _time = time;
    }

    /// <summary>The message of the latest failure, or <see langword="null"/> while PostgreSQL answers.</summary>
    public string? LastError { get; private set; }

    /// <summary>Whether to try PostgreSQL now (false for a while after a failure).</summary>
    public bool ShouldTry => Volatile.Read(ref _down) == 0 || _time.GetUtcNow().UtcTicks >= Volatile.Read(ref _retryAtTicks);

    /// <summary>Records a failure; logs it if it starts an outage.</summary>
    public void Failed(Exception e)
    {
        string message = ConnectionFailure.Describe(_server, e);
        LastError = message;
        Volatile.Write(ref _retryAtTicks, (_time.GetUtcNow() + _retryAfter).UtcTicks);
        if (Interlocked.Exchange(ref _down, 1) == 0 && _logger is not null)
        {
            LogLevel level = Volatile.Read(ref _everWorked) == 0 ? LogLevel.Error : LogLevel.Warning;
            _logger.Log(level, new EventId(1201, "SharedTierUnavailable"), e, "{Message}", message);
        }
    }

    /// <summary>Records a success; logs the end of an outage.</summary>
    public void Succeeded()
    {
        Volatile.Write(ref _everWorked, 1);
        if (Volatile.Read(ref _down) == 1 && Interlocked.Exchange(ref _down, 0) == 1)
        {
            LastError = null;
            _logger?.LogInformation(new EventId(1202, "SharedTierBack"), "MemoGen's shared tier at {Server} answers again.", _server);
        }
    }
}
