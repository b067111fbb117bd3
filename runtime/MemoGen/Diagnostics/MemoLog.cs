using Microsoft.Extensions.Logging;

namespace MemoGen.Diagnostics;

/// <summary>
/// MemoGen's log messages, like joblib's verbose mode: what was computed, loaded or missed, with times, at
/// <see cref="LogLevel.Debug"/>; problems with the disk store at <see cref="LogLevel.Warning"/>. Callers check
/// <see cref="ILogger.IsEnabled"/> before describing a call, so nothing is formatted unless the level is on.
/// </summary>
internal static partial class MemoLog
{
    /// <summary>The logger category.</summary>
    public const string Category = "MemoGen";

    [LoggerMessage(1, LogLevel.Debug, "{Function} missed: {Call} ({Reason})")]
    public static partial void Missed(ILogger logger, string function, string call, string reason);

    [LoggerMessage(2, LogLevel.Debug, "{Function} computed {Call} in {Milliseconds:F3} ms")]
    public static partial void Computed(ILogger logger, string function, string call, double milliseconds);

    [LoggerMessage(3, LogLevel.Debug, "{Function} loaded {Call} from {Path} ({Bytes} bytes read) in {Milliseconds:F3} ms")]
    public static partial void Loaded(ILogger logger, string function, string call, string path, long bytes, double milliseconds);

    [LoggerMessage(4, LogLevel.Debug, "{Function} wrote {Path} ({Bytes} bytes) in {Milliseconds:F3} ms")]
    public static partial void Written(ILogger logger, string function, string path, long bytes, double milliseconds);

    [LoggerMessage(5, LogLevel.Warning, "{Function}: removed the bad cache entry {Path}, to be computed again: {Reason}")]
    public static partial void BadEntry(ILogger logger, string function, string path, string reason);

    [LoggerMessage(6, LogLevel.Warning, "The disk store {Directory} cannot be written ({Reason}); results are kept in memory only")]
    public static partial void Unwritable(ILogger logger, string directory, string reason);

    [LoggerMessage(7, LogLevel.Warning, "{Function}: results are kept in memory only: {Reason}")]
    public static partial void NotPersisted(ILogger logger, string function, string reason);

    [LoggerMessage(8, LogLevel.Debug, "{Function} cannot read {Path}, computing instead: {Reason}")]
    public static partial void Unreadable(ILogger logger, string function, string path, string reason);

    [LoggerMessage(9, LogLevel.Debug, "Pruned the disk store {Directory}: removed {Entries} entries ({Bytes} bytes), {Remaining} left")]
    public static partial void Pruned(ILogger logger, string directory, long entries, long bytes, long remaining);

    /// <summary>The shared tier failed; the call went on locally.</summary>
    [LoggerMessage(10, LogLevel.Warning, "{Function}: the shared tier failed, computing locally: {Reason}")]
    public static partial void SharedTierFailed(ILogger logger, string function, string reason);
}
