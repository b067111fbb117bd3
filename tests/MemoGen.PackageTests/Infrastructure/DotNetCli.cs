using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MemoGen.PackageTests.Infrastructure;

/// <summary>Runs the <c>dotnet</c> command as a user would, outside the test run's own build.</summary>
internal static class DotNetCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The SDK's host while tests run under <c>dotnet test</c>; <c>dotnet</c> from the path otherwise.
    /// </summary>
    private static string Executable => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static Task<CommandResult> RunAsync(string workingDirectory, params string[] arguments) =>
        RunAsync(Executable, workingDirectory, arguments);

    /// <summary>Runs a bash script of the repository (such as build/pack.sh) with the same SDK first on the path.</summary>
    public static Task<CommandResult> RunScriptAsync(string workingDirectory, string script, params string[] arguments) =>
        RunAsync("bash", workingDirectory, [script, .. arguments]);

    private static async Task<CommandResult> RunAsync(string executable, string workingDirectory, string[] arguments)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The test host inherits MSBuild's variables from the build that started it; a user's shell has none of them.
        foreach (string name in startInfo.Environment.Keys.Where(static name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        if (Path.GetDirectoryName(Executable) is { Length: > 0 } sdkFolder)
        {
            startInfo.Environment["PATH"] = sdkFolder + Path.PathSeparator + startInfo.Environment["PATH"];
        }

        // No build server may outlive the command (a script cannot pass --disable-build-servers to every step).
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        startInfo.Environment["UseSharedCompilation"] = "false";

        string command = executable + " " + string.Join(" ", arguments);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish in {Timeout}:\n{Snapshot(output)}");
        }

        return new CommandResult(command, process.ExitCode, Snapshot(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
