using System;
using System.Collections.Immutable;
using System.IO;
using System.Threading.Tasks;
using MemoGen;
using Microsoft.Extensions.Logging;

namespace MemoGen.PostgresWorker;

/// <summary>
/// A worker that calls one memoized point through <c>UsePostgres</c>, <c>attempts</c> times at most. Prints
/// "compute P" when it computes, "waiting" when it waits for another process, "threw TYPE|ERROR_TYPE|ERROR_MESSAGE"
/// for a failed call and "value V" for a result. With <c>explode</c>, its computation waits for a line "go" on stdin
/// (bounded), then throws <see cref="InvalidDataException"/>.
/// </summary>
internal static class FailingPoint
{
    public static int Run(string connectionString, int point, bool explode, int attempts)
    {
        string folder = Directory.CreateTempSubdirectory("memogen-pg-worker-").FullName;
        try
        {
            MemoOptions options = new MemoOptions { CacheDirectory = folder, LoggerFactory = new WaitingReporter() }.UsePostgres(connectionString);
            var context = new FailingContext(options, explode);
            for (int attempt = 0; attempt < attempts; attempt++)
            {
                try
                {
                    Console.WriteLine($"value {context.Point(point)[0]}");
                    return 0;
                }
                catch (Exception e)
                {
                    var shared = e as MemoSharedComputationException;
                    Console.WriteLine($"threw {e.GetType().FullName}|{shared?.ErrorType}|{shared?.ErrorMessage}");
                }
            }

            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>One memoized point whose computation can be made to throw once it is told to.</summary>
public sealed partial class FailingContext(MemoOptions options, bool explode) : MemoContext(options)
{
    [Memoize(Name = "pg_failing_point", Tags = new[] { "disk" })]
    public partial ImmutableArray<int> Point(int point);

    private int[] PointCore(int point)
    {
        Console.WriteLine($"compute {point}");
        if (explode)
        {
            Task<string?> line = Task.Run(Console.ReadLine);
            if (!line.Wait(TimeSpan.FromMinutes(1)) || line.Result != "go")
            {
                Console.Error.WriteLine("no 'go' on stdin within a minute");
            }

            throw new InvalidDataException($"point {point} exploded");
        }

        return [point * point];
    }
}

/// <summary>Prints "waiting" when the shared tier starts waiting for another process; warnings go to stderr.</summary>
internal sealed class WaitingReporter : ILoggerFactory, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Name == "SharedWaiting")
        {
            Console.WriteLine("waiting");
        }
        else if (logLevel >= LogLevel.Warning)
        {
            Console.Error.WriteLine($"{logLevel}: {formatter(state, exception)}");
        }
    }

    public void Dispose()
    {
    }
}
