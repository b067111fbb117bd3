using System.Linq;
using System.Xml.Linq;
using MemoGen.PackageTests.Infrastructure;
using NUnit.Framework;

namespace MemoGen.PackageTests;

public sealed class PackageLayoutTests
{
    private static PackageContents Contents => new(PackageFixture.Package.NupkgPath);

    [Test]
    public void HoldsTheRuntimeInLibAndTheGeneratorAndCodeFixesInAnalyzers()
    {
        Assert.That(Contents.Files, Is.SupersetOf(new[]
        {
            "README.md",
            "lib/net10.0/MemoGen.dll",
            "lib/net10.0/MemoGen.xml",
            "analyzers/dotnet/cs/MemoGen.Generator.dll",
            "analyzers/dotnet/cs/MemoGen.CodeFixes.dll",
        }));
        Assert.That(Contents.Files.Where(static file => file.EndsWith(".dll")).ToList(), Has.Count.EqualTo(3), "no Roslyn or other dependency assemblies are packed");
    }

    [Test]
    public void TheRuntimeIsReadyToRunCompiledWithItsIl()
    {
        Assert.That(Contents.IsReadyToRun("lib/net10.0/MemoGen.dll"), Is.True, "build/pack.sh packs the ReadyToRun image (build/ready-to-run.sh)");
        Assert.That(Contents.TypeNames("lib/net10.0/MemoGen.dll"), Does.Contain("MemoContext"), "the IL and metadata stay, for other platforms");
        Assert.That(Contents.IsReadyToRun("analyzers/dotnet/cs/MemoGen.Generator.dll"), Is.False, "the compiler loads the generator: IL only");
    }

    [Test]
    public void TheAnalyzerAssembliesDefineTheGeneratorAndTheCodeFixes()
    {
        Assert.That(Contents.TypeNames("analyzers/dotnet/cs/MemoGen.Generator.dll"), Is.SupersetOf(new[] { "MemoizeGenerator", "MemoizeAnalyzer" }));
        Assert.That(Contents.TypeNames("analyzers/dotnet/cs/MemoGen.CodeFixes.dll"), Is.SupersetOf(new[]
        {
            "AddMemoIgnoreCodeFixProvider",
            "MakePartialCodeFixProvider",
            "AddCoreMethodCodeFixProvider",
            "UseImmutableReturnTypeCodeFixProvider",
        }));
    }

    [Test]
    public void DependsOnlyOnLoggingAbstractionsHashingAndMemoryPack()
    {
        XNamespace ns = Contents.Nuspec.Root!.Name.Namespace;
        string[] dependencies = Contents.Nuspec.Descendants(ns + "dependency").Select(static d => (string)d.Attribute("id")!).ToArray();
        Assert.That(dependencies, Is.EquivalentTo(new[] { "Microsoft.Extensions.Logging.Abstractions", "System.IO.Hashing", "MemoryPack" }));
    }

    [Test]
    public void CarriesItsMetadata()
    {
        XElement metadata = Contents.Nuspec.Root!.Elements().Single(static e => e.Name.LocalName == "metadata");
        string Value(string name) => (string)metadata.Elements().Single(e => e.Name.LocalName == name);

        Assert.Multiple(() =>
        {
            Assert.That(Value("id"), Is.EqualTo("MemoGen"));
            Assert.That(Value("version"), Is.EqualTo(PackageFixture.Package.Version));
            Assert.That(Value("license"), Is.EqualTo("MIT"));
            Assert.That(Value("readme"), Is.EqualTo("README.md"));
            Assert.That(Value("tags").Split(' '), Does.Contain("memoization").And.Contain("source-generator"));
            Assert.That(Value("description"), Is.Not.Empty);
        });
    }
}
