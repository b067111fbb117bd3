using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;

namespace MemoGen.IntegrationTests;

/// <summary>Runs the main sample (samples/MemoGen.Sample) as a user does, in a process of its own, on a small sweep.</summary>
public sealed class SampleRunTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    private static string SamplePath =>
        typeof(SampleRunTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Sample").Value!;

    private string _folder = "";

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "memogen-sample-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task TheFirstRunComputesEveryPointAndTheSecondLoadsEveryPoint()
    {
        (int firstExit, string first) = await RunAsync(null, "--size", "3");
        (int secondExit, string second) = await RunAsync(null, "--size", "3");

        Assert.That(firstExit, Is.Zero, first);
        Assert.That(first, Does.Contain("Computed 9 points and loaded 0 from the cache"));
        Assert.That(secondExit, Is.Zero, second);
        Assert.That(second, Does.Contain("Computed 0 points and loaded 9 from the cache").And.Contain("Every point (9 of 9) came from the cache"));

        byte[] png = File.ReadAllBytes(Path.Combine(_folder, "out", "gray-scott.png"));
        Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG signature");
        string[] csv = File.ReadAllLines(Path.Combine(_folder, "out", "gray-scott.csv"));
        Assert.That(csv, Has.Length.EqualTo(10), "a header and a row per point");
        Assert.That(csv[0], Is.EqualTo("feed,kill,grid,steps,seed,mean_v,contrast"));
    }

    [Test]
    public async Task AnInterruptedRunResumesComputingOnlyTheRest()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Ignore("Ctrl+C is sent with kill -INT");
        }

        // The progress line "<n> computed · 0 from cache" shows that some points are stored; stop well before the last.
        static bool SomeDone(string line) => Regex.Match(line, @"^(\d+) computed") is { Success: true } match && int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is > 0 and < 16;
        (int stoppedExit, string stopped) = await RunAsync(SomeDone, "--size", "5", "--workers", "1");
        (int resumedExit, string resumed) = await RunAsync(null, "--size", "5", "--workers", "1");

        Assert.That(stoppedExit, Is.Not.Zero, stopped);
        Match stop = Regex.Match(stopped, @"Stopped after .* s: (\d+) of 25 points done \((\d+) computed");
        Assert.That(stop.Success, Is.True, stopped);
        int done = int.Parse(stop.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(done, Is.InRange(1, 24));
        Assert.That(resumedExit, Is.Zero, resumed);
        Assert.That(resumed, Does.Contain($"Computed {25 - done} points and loaded {done} from the cache"));
    }

    /// <summary>Runs the sample in the test's folder; sends it Ctrl+C (SIGINT) once a line of its output matches <paramref name="interruptWhen"/>.</summary>
    private async Task<(int ExitCode, string Output)> RunAsync(Func<string, bool>? interruptWhen, params string[] arguments)
    {
        Assert.That(File.Exists(SamplePath), Is.True, $"the sample is built at {SamplePath}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder,
        };
        foreach (string argument in (string[])[SamplePath, "--cache", Path.Combine(_folder, "cache"), "--out", Path.Combine(_folder, "out"), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        var output = new StringBuilder();
        int interrupted = 0;
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data is { } line && interruptWhen is not null && interruptWhen(line) && Interlocked.Exchange(ref interrupted, 1) == 0)
            {
                using Process kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                kill.WaitForExit(10_000);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(HangGuard);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
