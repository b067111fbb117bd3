using System;
using Microsoft.Extensions.Logging;

namespace MemoGen.Diagnostics;

/// <summary>
/// The user's logger with its failures contained: logging is a side effect, so a logger that throws (a sink that is
/// down, a provider bug) is counted (<see cref="MemoMetrics.SideEffectFailures"/>, tag <c>log</c>) and the call goes on.
/// </summary>
internal sealed class ContainedLogger(ILogger inner) : ILogger
{
    /// <summary>Wraps the logger <paramref name="factory"/> creates, or returns <see langword="null"/> when there is none or creating it fails.</summary>
    public static ILogger? Create(ILoggerFactory? factory)
    {
        if (factory is null)
        {
            return null;
        }

        try
        {
            return factory.CreateLogger(MemoLog.Category) is { } logger ? new ContainedLogger(logger) : null;
        }
        catch (Exception)
        {
            MemoMetrics.CountFailure("log");
            return null;
        }
    }

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        try
        {
            return inner.BeginScope(state);
        }
        catch (Exception)
        {
            MemoMetrics.CountFailure("log");
            return null;
        }
    }

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel)
    {
        try
        {
            return inner.IsEnabled(logLevel);
        }
        catch (Exception)
        {
            MemoMetrics.CountFailure("log");
            return false;
        }
    }

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
        catch (Exception)
        {
            MemoMetrics.CountFailure("log");
        }
    }
}
