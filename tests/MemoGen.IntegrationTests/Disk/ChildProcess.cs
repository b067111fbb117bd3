using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using NUnit.Framework;

namespace MemoGen.IntegrationTests.Disk;

/// <summary>Runs the child program (Disk/Child) in a process of its own and collects what it printed.</summary>
internal static class ChildProcess
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(120);

    private static string ChildPath =>
        typeof(ChildProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "DiskChild").Value!;

    /// <summary>Starts the child with <paramref name="arguments"/>; the task ends with its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        Assert.That(File.Exists(ChildPath), Is.True, $"the child program is built at {ChildPath}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ChildPath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(HangGuard);
        return (process.ExitCode, (await output).Trim(), (await errors).Trim());
    }
}
