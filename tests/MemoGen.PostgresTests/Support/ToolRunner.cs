using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace MemoGen.PostgresTests.Support;

/// <summary>Runs a PostgreSQL command-line tool, as the <c>postgres</c> user when we are root, with a timeout.</summary>
internal static class ToolRunner
{
    /// <summary>Whether this process runs as root (initdb refuses root, so the tools then run through runuser).</summary>
    public static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    /// <summary>Runs <paramref name="tool"/> and returns its output; throws with the output when it fails or outlives <paramref name="timeout"/>.</summary>
    public static string Run(string tool, IReadOnlyList<string> arguments, TimeSpan timeout) =>
        Execute(tool, arguments, timeout, asPostgres: IsRoot);

    /// <summary>Runs <paramref name="tool"/> as ourselves (root, when we are), as <see cref="Run"/> does otherwise.</summary>
    public static string RunAsRoot(string tool, IReadOnlyList<string> arguments, TimeSpan timeout) =>
        Execute(tool, arguments, timeout, asPostgres: false);

    private static string Execute(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, bool asPostgres)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgres ? "runuser" : tool,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (string prefix in new[] { "-u", "postgres", "--", tool })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish within {timeout}: {Text(output)}");
        }

        // The process has exited; this waits for the rest of its redirected output.
        if (!process.WaitForExitAsync().Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} exited, but its output did not end within 30 s: {Text(output)}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {Text(output)}");
        }

        return Text(output);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
