using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;

namespace MemoGen.PackageTests.Infrastructure;

/// <summary>
/// The MemoGen package packed from this repository into a local folder, under a version of its own so that no earlier
/// copy in the global packages folder can stand in for it.
/// </summary>
internal sealed class LocalPackage
{
    private LocalPackage(string workspace, string version)
    {
        Workspace = workspace;
        Version = version;
    }

    /// <summary>A temporary folder for everything these tests write: the feed, the build output, the consumer projects.</summary>
    public string Workspace { get; }

    public string Version { get; }

    /// <summary>The local package source that holds the package.</summary>
    public string Feed => Path.Combine(Workspace, "feed");

    public string NupkgPath => Path.Combine(Feed, $"MemoGen.{Version}.nupkg");

    public static async Task<LocalPackage> PackAsync()
    {
        string workspace = Path.Combine(Path.GetTempPath(), "memogen-package-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workspace);

        // Empty files stop MSBuild from looking further up the temporary folder for build files that are not ours.
        File.WriteAllText(Path.Combine(workspace, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(workspace, "Directory.Build.targets"), "<Project />\n");

        var package = new LocalPackage(workspace, "0.1.0-packagetest." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture));

        // The README's packing command, build/pack.sh, run in a copy of the sources: the repository's bin/, obj/ and
        // artifacts/ belong to the build running these tests.
        string sources = Path.Combine(workspace, "sources");
        CopySources(RepoPaths.Root, sources);
        CommandResult pack = await DotNetCli.RunScriptAsync(sources, Path.Combine(sources, "build", "pack.sh"), package.Version);
        Assert.That(pack.ExitCode, Is.Zero, pack.ToString());
        string packed = Path.Combine(sources, "artifacts", $"MemoGen.{package.Version}.nupkg");
        Assert.That(packed, Does.Exist, "build/pack.sh writes artifacts/MemoGen.<version>.nupkg\n" + pack);
        Directory.CreateDirectory(package.Feed);
        File.Copy(packed, package.NupkgPath);
        return package;
    }

    /// <summary>Copies the sources, without build output, version control or results.</summary>
    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from).Where(static f => Path.GetFileName(f) != ".git"))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string folder in Directory.EnumerateDirectories(from))
        {
            string name = Path.GetFileName(folder);
            if (name is not ("bin" or "obj" or ".git" or "artifacts" or "TestResults" or "BenchmarkDotNet.Artifacts" or ".memo-cache"))
            {
                CopySources(folder, Path.Combine(to, name));
            }
        }
    }

    /// <summary>Removes the workspace and the copy that restores extracted into the global packages folder.</summary>
    public async Task DeleteAsync()
    {
        CommandResult locals = await DotNetCli.RunAsync(Workspace, "nuget", "locals", "global-packages", "--list");
        const string Prefix = "global-packages:";
        string line = locals.Output.Trim();
        if (locals.Succeeded && line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            TryDelete(Path.Combine(line.Substring(Prefix.Length).Trim(), "memogen", Version.ToLowerInvariant()));
        }

        TryDelete(Workspace);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Cleanup is best effort: a leftover temporary folder must not fail the run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
