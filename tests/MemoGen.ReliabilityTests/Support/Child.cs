using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;

namespace MemoGen.ReliabilityTests.Support;

/// <summary>The child program (Child/) running in a process of its own, its output collected line by line as it comes.</summary>
internal sealed class Child : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StringBuilder _errors = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorsClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Child(Process process) => _process = process;

    private static string ChildPath =>
        typeof(Child).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ReliabilityChild").Value!;

    /// <summary>Every line the child printed so far.</summary>
    public string[] Lines => [.. _lines];

    /// <summary>What the child wrote to stderr so far.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString().Trim();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the child with <paramref name="arguments"/>.</summary>
    public static Child Start(params string[] arguments)
    {
        Assert.That(System.IO.File.Exists(ChildPath), Is.True, $"the child program is built at {ChildPath}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ChildPath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var child = new Child(new Process { StartInfo = start });
        child._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                child._outputClosed.TrySetResult();
                return;
            }

            child._lines.Enqueue(e.Data);
            if (e.Data == "ready")
            {
                child._ready.TrySetResult();
            }
        };
        child._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                child._errorsClosed.TrySetResult();
                return;
            }

            lock (child._errors)
            {
                child._errors.AppendLine(e.Data);
            }
        };
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until the child printed "ready".</summary>
    public async Task WaitReadyAsync()
    {
        Task exited = _process.WaitForExitAsync();
        await Task.WhenAny(_ready.Task, exited).WaitAsync(HangGuard);
        Assert.That(_ready.Task.IsCompleted, Is.True, $"the child got ready; it printed: {Errors}");
    }

    /// <summary>
    /// Waits until the child printed a line <paramref name="match"/> accepts, among the lines after the first
    /// <paramref name="skip"/>; <see langword="false"/> if it exited first or none came within the hang guard.
    /// </summary>
    public async Task<bool> WaitForLineAsync(Func<string, bool> match, int skip = 0)
    {
        var waited = Stopwatch.StartNew();
        while (!_lines.Skip(skip).Any(match))
        {
            if (_process.HasExited || waited.Elapsed > HangGuard)
            {
                return _lines.Skip(skip).Any(match);
            }

            await Task.Delay(5);
        }

        return true;
    }

    /// <summary>Writes a line to the child's stdin.</summary>
    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Kills the child with SIGKILL (on Linux) and waits until it is gone and its output read.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await WaitForExitAsync();
    }

    /// <summary>Waits until the child exits and all its output is read.</summary>
    public async Task WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(HangGuard);
        await Task.WhenAll(_outputClosed.Task, _errorsClosed.Task).WaitAsync(HangGuard);
    }

    /// <summary>Runs the child to its end.</summary>
    public static async Task<Child> RunAsync(params string[] arguments)
    {
        Child child = Start(arguments);
        await child.WaitForExitAsync();
        return child;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(HangGuard);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
