using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using MemoGen.Generator;
using MemoGen.GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.Analyzer;

/// <summary>
/// Runs <see cref="MemoizeAnalyzer"/> the way a build does: on the compilation the generator has already added to,
/// compiled by <see cref="GeneratorTestHelper"/>.
/// </summary>
internal static class AnalyzerTestHelper
{
    /// <summary>Usings every analyzer test source starts with.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Threading;
        using System.Threading.Tasks;
        using MemoGen;

        """;

    public static Task<AnalyzerRun> RunAsync(params string[] sources) => RunAsync(GeneratorTestHelper.Run(sources));

    public static async Task<AnalyzerRun> RunAsync(GeneratorRun generatorRun)
    {
        var exceptions = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, _, _) => exceptions.Enqueue(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = generatorRun.Output.WithAnalyzers([new MemoizeAnalyzer()], options);
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync();
        return new AnalyzerRun(generatorRun, diagnostics, exceptions.ToList());
    }

    /// <summary>
    /// Runs the analyzer on marked sources (see <see cref="Markup"/>, each prefixed with <see cref="Usings"/>) and asserts
    /// that the MemoGen diagnostics are exactly the marked ones, each of <paramref name="severity"/>.
    /// </summary>
    public static async Task<AnalyzerRun> VerifyAsync(DiagnosticSeverity severity, params string[] markedSources)
    {
        var markups = markedSources.Select(s => Markup.Parse(Usings + s)).ToList();
        var run = await RunAsync(markups.Select(m => m.Source).ToArray());
        Assert.That(run.AnalyzerExceptions, Is.Empty, "the analyzer threw");
        Assert.That(run.Generator.Result.Results.Single().Exception, Is.Null, "the generator threw");
        Assert.That(run.Generator.GeneratorDiagnostics, Is.Empty, "the generator reports nothing itself");

        var expected = markups.SelectMany((m, i) => m.Expected.Select(e => $"{e.Id} Source{i}.cs {e.Span} '{m.Source.Substring(e.Span.Start, e.Span.Length)}'"));
        var actual = run.Memo.Select(d => $"{d.Id} {d.Location.SourceTree?.FilePath} {d.Location.SourceSpan} '{AnalyzerRun.LocatedText(d)}'");
        Assert.That(actual, Is.EquivalentTo(expected), run.Describe());
        Assert.That(run.Memo.Select(d => d.Severity), Has.All.EqualTo(severity), run.Describe());
        return run;
    }
}

/// <summary>What the compiler and the analyzer reported on a compilation that includes the generated code.</summary>
internal sealed record AnalyzerRun(GeneratorRun Generator, ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> AnalyzerExceptions)
{
    /// <summary>The MemoGen diagnostics, in source order.</summary>
    public IReadOnlyList<Diagnostic> Memo =>
        Diagnostics.Where(d => d.Id.StartsWith("MEMO", StringComparison.Ordinal))
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToList();

    /// <summary>The one MemoGen diagnostic reported.</summary>
    public Diagnostic Single => Memo.Single();

    /// <summary>The text a diagnostic is located on.</summary>
    public static string LocatedText(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree?.GetText().ToString(diagnostic.Location.SourceSpan) ?? "";

    public string Describe() => string.Join("\n", Diagnostics.Select(GeneratorRun.Describe));
}
