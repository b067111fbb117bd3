using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;

namespace MemoGen.PostgresTests.Support;

/// <summary>A sweep worker (Worker/) in a process of its own; the points it started computing are collected as it prints them.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<int> _computed = new();
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StringBuilder _errors = new();
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process) => _process = process;

    /// <summary>The points this worker started computing, in order.</summary>
    public int[] Computed => [.. _computed];

    /// <summary>Every line the worker printed so far.</summary>
    public string[] Lines => [.. _lines];

    /// <summary>Whether the worker printed "done".</summary>
    public bool Finished { get; private set; }

    private static string WorkerPath =>
        typeof(WorkerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PostgresWorker").Value!;

    /// <summary>Starts a worker over <paramref name="points"/> points, each computation taking <paramref name="computeMilliseconds"/>.</summary>
    public static WorkerProcess Start(string connectionString, int points, int computeMilliseconds, int seed) =>
        StartWith(connectionString, Text(points), Text(computeMilliseconds), Text(seed));

    /// <summary>
    /// Starts a worker that calls one memoized point through <c>UsePostgres</c> up to <paramref name="attempts"/> times;
    /// when <paramref name="explode"/>, its computation throws once it reads "go" (<see cref="SendLine"/>).
    /// </summary>
    public static WorkerProcess StartFailing(string connectionString, int point, bool explode, int attempts) =>
        StartWith("fail", connectionString, Text(point), explode ? "explode" : "compute", Text(attempts));

    /// <summary>Writes a line to the worker's stdin.</summary>
    public void SendLine(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Waits (bounded) until the worker printed a line starting with <paramref name="prefix"/>.</summary>
    public async Task WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!_lines.Any(line => line.StartsWith(prefix, StringComparison.Ordinal)))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"worker {_process.Id} printed no '{prefix}' within {timeout}; stderr: {Errors()}");
            await Task.Delay(20);
        }
    }

    private static WorkerProcess StartWith(params string[] arguments)
    {
        Assert.That(File.Exists(WorkerPath), Is.True, $"the worker is built at {WorkerPath}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments.Prepend(WorkerPath))
        {
            start.ArgumentList.Add(argument);
        }

        var worker = new WorkerProcess(new Process { StartInfo = start });
        worker._process.OutputDataReceived += (_, e) => worker.OnOutput(e.Data);
        worker._process.ErrorDataReceived += (_, e) =>
        {
            lock (worker._errors)
            {
                worker._errors.AppendLine(e.Data);
            }
        };
        worker._process.Start();
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits (bounded) for the worker to exit and its output to be read; returns its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            await _outputClosed.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"worker {_process.Id} did not finish within {timeout}; stderr: {Errors()}");
        }

        return _process.ExitCode;
    }

    /// <summary>What the worker wrote to stderr.</summary>
    public string Errors()
    {
        lock (_errors)
        {
            return _errors.ToString().Trim();
        }
    }

    /// <summary>Kills the worker the way <c>kill -9</c> does: no cleanup, its connections cut by the kernel.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    /// <summary>Sends the worker a signal by name (<c>STOP</c> freezes it, <c>CONT</c> thaws it).</summary>
    public void Signal(string name) =>
        ToolRunner.RunAsRoot("kill", [$"-{name}", _process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));

    /// <summary>Kills the worker if it still runs.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            _outputClosed.TrySetResult();
            return;
        }

        _lines.Enqueue(line);
        if (line.StartsWith("compute ", StringComparison.Ordinal))
        {
            _computed.Enqueue(int.Parse(line.AsSpan(8), CultureInfo.InvariantCulture));
        }
        else if (line == "done")
        {
            Finished = true;
        }
    }
}
