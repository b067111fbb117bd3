using System.IO;
using System.Linq;
using MemoGen.Generator;
using MemoGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.Analyzer;

/// <summary>The descriptors keep their contract: the ID table others rely on, a help page each, release tracking.</summary>
public sealed class DescriptorTests
{
    private static readonly (string Id, DiagnosticSeverity Severity)[] Table =
    [
        ("MEMO001", DiagnosticSeverity.Error), ("MEMO002", DiagnosticSeverity.Error), ("MEMO003", DiagnosticSeverity.Error),
        ("MEMO004", DiagnosticSeverity.Error), ("MEMO005", DiagnosticSeverity.Error), ("MEMO006", DiagnosticSeverity.Error),
        ("MEMO007", DiagnosticSeverity.Error), ("MEMO008", DiagnosticSeverity.Error), ("MEMO009", DiagnosticSeverity.Error),
        ("MEMO010", DiagnosticSeverity.Error), ("MEMO011", DiagnosticSeverity.Error), ("MEMO012", DiagnosticSeverity.Error),
        ("MEMO013", DiagnosticSeverity.Error), ("MEMO014", DiagnosticSeverity.Warning), ("MEMO015", DiagnosticSeverity.Error),
        ("MEMO016", DiagnosticSeverity.Error), ("MEMO017", DiagnosticSeverity.Error), ("MEMO018", DiagnosticSeverity.Error),
        ("MEMO019", DiagnosticSeverity.Warning), ("MEMO020", DiagnosticSeverity.Warning),
    ];

    [Test]
    public void The_analyzer_supports_exactly_the_ID_table_in_order()
    {
        var supported = new MemoizeAnalyzer().SupportedDiagnostics;

        Assert.That(supported.Select(d => (d.Id, d.DefaultSeverity)), Is.EqualTo(Table));
        Assert.That(supported.Select(d => d.Category), Has.All.EqualTo("MemoGen.Usage"));
        Assert.That(supported.Select(d => d.IsEnabledByDefault), Has.All.True);
    }

    [Test]
    public void Only_the_compilation_wide_check_is_tagged_as_reported_at_compilation_end()
    {
        var tagged = DiagnosticDescriptors.All.Where(d => d.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd)).Select(d => d.Id);

        Assert.That(tagged, Is.EqualTo(new[] { DiagnosticIds.DuplicateName }));
    }

    [Test]
    public void Each_diagnostic_has_a_help_page_and_no_placeholder_link()
    {
        var docs = Path.Combine(RepositoryRoot(), "docs", "diagnostics");
        var index = File.ReadAllText(Path.Combine(docs, "README.md"));

        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.That(descriptor.HelpLinkUri, Is.Empty, "no link until the project has a public home");
            var page = Path.Combine(docs, descriptor.Id + ".md");
            Assert.That(File.Exists(page), Is.True, page);
            Assert.That(File.ReadAllText(page), Does.StartWith($"# {descriptor.Id}: {descriptor.Title}\n").And.Contain("## How to fix").And.Contain("```csharp"));
            Assert.That(index, Does.Contain($"[{descriptor.Id}]({descriptor.Id}.md)"));
        }
    }

    [Test]
    public void Each_diagnostic_is_listed_in_the_unshipped_release()
    {
        var unshipped = File.ReadAllLines(Path.Combine(RepositoryRoot(), "generator", "MemoGen.Generator", "AnalyzerReleases.Unshipped.md"));

        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.That(unshipped, Has.One.StartsWith($"{descriptor.Id} | MemoGen.Usage | {descriptor.DefaultSeverity} |"));
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MemoGen.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("MemoGen.sln not found above the test directory");
    }
}
