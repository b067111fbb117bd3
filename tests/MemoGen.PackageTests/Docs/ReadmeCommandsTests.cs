using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MemoGen.PackageTests.Infrastructure;
using NUnit.Framework;

namespace MemoGen.PackageTests.Docs;

/// <summary>
/// The README's shell commands name things that exist: the projects and solution they build, the scripts they run, the
/// version the install section packs; and CI runs the README's test command as written.
/// </summary>
public sealed class ReadmeCommandsTests
{
    private static IReadOnlyList<string> Commands => DocumentationPages.BlocksOf(DocumentationPages.Readme)
        .Where(static block => block.Language == "sh")
        .SelectMany(static block => block.Code.Split('\n'))
        .Select(static line => (line.IndexOf(" #", StringComparison.Ordinal) is var comment and >= 0 ? line[..comment] : line).Trim())
        .Where(static line => line.Length > 0)
        .ToList();

    [Test]
    public void TheTwoCommandsAreInTheReadme()
    {
        Assert.That(Commands, Does.Contain("dotnet run --project samples/MemoGen.Sample"));
        Assert.That(Commands, Does.Contain("dotnet test MemoGen.sln"));
    }

    [Test]
    public void CiRunsTheReadmesTestCommand()
    {
        string[] ci = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".ci", "run"));

        Assert.That(ci.Select(static line => line.Trim()), Has.Some.StartsWith("dotnet test MemoGen.sln"));
    }

    [Test]
    public void EveryProjectOrSolutionACommandNamesExists()
    {
        var paths = Commands
            .Where(static command => command.StartsWith("dotnet ", StringComparison.Ordinal))
            .SelectMany(static command => Regex.Matches(command, @"(?:--project\s+(\S+))|(?:^dotnet (?:test|build)\s+(\S+))").Select(static m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value))
            .ToList();

        Assert.That(paths, Is.Not.Empty);
        foreach (string path in paths)
        {
            string full = Path.Combine(RepoPaths.Root, path);
            bool exists = File.Exists(full) || (Directory.Exists(full) && Directory.EnumerateFiles(full, "*.csproj").Any());
            Assert.That(exists, Is.True, $"the README's command names '{path}', which is not a project or solution here");
        }
    }

    [Test]
    public void EveryScriptACommandRunsExistsAndIsExecutable()
    {
        var scripts = Commands.Where(static command => command.StartsWith("build/", StringComparison.Ordinal)).Select(static command => command.Split(' ')[0]).ToList();

        Assert.That(scripts, Does.Contain("build/pack.sh"));
        foreach (string script in scripts)
        {
            string full = Path.Combine(RepoPaths.Root, script);
            Assert.That(full, Does.Exist);
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(full) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute), script + " is not executable");
            }
        }
    }

    [Test]
    public void TheInstallSectionUsesTheVersionThatPackingProduces()
    {
        string version = XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Build.props")).Descendants("Version").Single().Value;

        Assert.That(Commands, Does.Contain($"dotnet add package MemoGen --version {version}"));
        Assert.That(File.ReadAllText(DocumentationPages.Readme), Does.Contain($"artifacts/MemoGen.{version}.nupkg"));
    }
}
