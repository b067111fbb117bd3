using System.Threading;
using Microsoft.Extensions.Logging;

namespace MemoGen.Diagnostics;

/// <summary>
/// The options' logger, created on the first message, behind a type whose members the tables and the disk tier call
/// without naming anything of Microsoft.Extensions.Logging. Code compiled per user type (the table, the disk tier)
/// holds and tests only this, so a process without a <see cref="MemoOptions.LoggerFactory"/> does not load that
/// assembly, and one with a factory creates its logger only when there is something to log.
/// </summary>
internal sealed class MemoLogger
{
    private readonly object _factory;
    private readonly Lock _lock = new();
    private object? _logger;
    private bool _created;

    private MemoLogger(object factory) => _factory = factory;

    /// <summary>The logger of <paramref name="options"/>, or <see langword="null"/> when they set no factory.</summary>
    public static MemoLogger? For(MemoOptions options) =>
        options.LoggerFactoryOrNull is { } factory ? new MemoLogger(factory) : null;

    /// <summary>Whether debug messages are logged: only then is a call described.</summary>
    public bool IsDebugEnabled => Logger is { } logger && logger.IsEnabled(LogLevel.Debug);

    /// <summary>The user's logger with its failures contained, created on first use; <see langword="null"/> if the factory gives none.</summary>
    public ILogger? Logger
    {
        get
        {
            if (Volatile.Read(ref _created))
            {
                return (ILogger?)_logger;
            }

            lock (_lock)
            {
                if (!_created)
                {
                    _logger = ContainedLogger.Create((ILoggerFactory)_factory);
                    Volatile.Write(ref _created, true);
                }

                return (ILogger?)_logger;
            }
        }
    }
}
