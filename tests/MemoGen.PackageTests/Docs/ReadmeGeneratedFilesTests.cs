using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MemoGen.PackageTests.Infrastructure;
using NUnit.Framework;

namespace MemoGen.PackageTests.Docs;

/// <summary>
/// A real consumer, as the README tells a newcomer to make it: the quick start as <c>Program.cs</c>, the settings of
/// "Seeing the generated code" in the project file. Built twice, because the second build is the one that used to
/// fail, then run.
/// </summary>
public sealed class ReadmeGeneratedFilesTests
{
    [Test]
    public async Task TheQuickStartWithTheReadmesGeneratedFilesSettingsBuildsTwiceAndRuns()
    {
        const string Name = "ReadmeGeneratedFiles";
        ConsumerProject project = ConsumerProject.Create(PackageFixture.Package, Name, ReadmeQuickStart.Block.Code);
        string projectFile = Path.Combine(project.Directory, Name + ".csproj");
        string settings = ReadmeQuickStart.GeneratedFilesSettings;
        string withReadmeSettings = File.ReadAllText(projectFile).Replace("</Project>", settings + "\n</Project>", StringComparison.Ordinal);
        File.WriteAllText(projectFile, withReadmeSettings);

        CommandResult first = await project.BuildAsync();
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        string generated = Path.Combine(project.Directory, "Generated", "MemoGen.Generator");
        Assert.That(Directory.Exists(generated) && Directory.EnumerateFiles(generated, "*.g.cs", SearchOption.AllDirectories).Any(), Is.True,
            "the README's settings should write the generated files to Generated/MemoGen.Generator");

        CommandResult second = await project.BuildAsync();
        Assert.That(second.ExitCode, Is.Zero, "the second build with the README's settings:\n" + second);

        CommandResult run = await project.RunAsync();
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output.Trim(), Is.EqualTo(ReadmeQuickStart.ExpectedOutput), "the quick start prints what the README says");

        // The README says why the <Compile Remove> is there; without it the files the builds wrote are compiled again.
        string removeLine = settings.Split('\n').Single(static line => line.Contains("<Compile Remove=", StringComparison.Ordinal));
        File.WriteAllText(projectFile, withReadmeSettings.Replace(removeLine, "", StringComparison.Ordinal));
        CommandResult withoutRemove = await project.BuildAsync();
        Assert.That(withoutRemove.ExitCode, Is.Not.Zero, "without <Compile Remove> the build should compile the generated files twice:\n" + withoutRemove);
        Assert.That(withoutRemove.Output, Does.Contain("CS0111").Or.Contain("CS0757"), withoutRemove.ToString());
    }
}
