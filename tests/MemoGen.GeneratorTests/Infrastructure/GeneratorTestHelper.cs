using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using MemoGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.Infrastructure;

/// <summary>Compiles source with the generator, against the running framework and the MemoGen runtime.</summary>
internal static class GeneratorTestHelper
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => !string.IsNullOrEmpty(path))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "MemoGenTests",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new MemoizeGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator on <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(params string[] sources)
    {
        var compilation = CreateCompilation(sources);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver, compilation, output, diagnostics);
    }

    /// <summary>Runs the generator and asserts that the generator raised nothing and the result compiles without errors.</summary>
    public static GeneratorRun RunAndCompile(params string[] sources)
    {
        var run = Run(sources);
        run.AssertCompiles();
        return run;
    }
}

/// <summary>One run of the generator: what it produced and the compilation that includes it.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, Compilation Input, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorDriverRunResult Result => Driver.GetRunResult();

    /// <summary>Every generated file, by hint name.</summary>
    public IReadOnlyDictionary<string, string> AllFiles =>
        Result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>
    /// The generated files but the shared key structs and handles (<see cref="SharedKeys"/>, <see cref="SharedHandles"/>),
    /// which nearly every run has: the methods' files, their stubs and the shared record writers.
    /// </summary>
    public IReadOnlyDictionary<string, string> Files =>
        AllFiles.Where(f => f.Key != SharedKeysEmitter.HintName && f.Key != SharedHandlesEmitter.HintName).ToDictionary(f => f.Key, f => f.Value);

    /// <summary>The file of the shared key structs, or null when no method shares one.</summary>
    public string? SharedKeys => AllFiles.TryGetValue(SharedKeysEmitter.HintName, out var text) ? text : null;

    /// <summary>The file of the shared handles, or null when no method shares one.</summary>
    public string? SharedHandles => AllFiles.TryGetValue(SharedHandlesEmitter.HintName, out var text) ? text : null;

    public IReadOnlyList<Diagnostic> Errors =>
        Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    public IReadOnlyList<Diagnostic> GeneratedWarnings =>
        Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true).ToList();

    /// <summary>
    /// The warnings of the generated code compiled with nullable warnings on: the generated files turn them off so that
    /// users' builds skip the nullable analysis of generated bodies, and the tests keep the code free of them.
    /// </summary>
    public IReadOnlyList<Diagnostic> GeneratedWarningsWithNullableWarnings
    {
        get
        {
            var checkedOutput = Output;
            foreach (var tree in Output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs")))
            {
                var text = tree.ToString();
                Assert.That(text, Does.Contain(Emitter.NullableHeader), tree.FilePath);
                checkedOutput = checkedOutput.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text.Replace(Emitter.NullableHeader, "#nullable enable"))));
            }

            return checkedOutput.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true).ToList();
        }
    }

    public void AssertCompiles()
    {
        Assert.That(GeneratorDiagnostics, Is.Empty, "the generator reported diagnostics");
        Assert.That(Result.Results.Select(r => r.Exception).Where(e => e is not null), Is.Empty, "the generator threw");
        Assert.That(Errors.Select(Describe), Is.Empty, "the generated code does not compile:\n" + string.Join("\n\n", AllFiles.Values));
        Assert.That(GeneratedWarnings.Select(Describe), Is.Empty, "the generated code has warnings, which break users who treat them as errors");
        Assert.That(GeneratedWarningsWithNullableWarnings.Select(Describe), Is.Empty, "the generated code has nullable warnings");
    }

    public static string Describe(Diagnostic diagnostic) =>
        $"{diagnostic.Id} {diagnostic.Location.SourceTree?.FilePath}{diagnostic.Location.GetLineSpan().StartLinePosition}: {diagnostic.GetMessage()}";
}
