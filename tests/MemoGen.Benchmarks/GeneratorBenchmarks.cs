using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using MemoGen.Generator;
using MemoGen.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemoGen.Benchmarks;

/// <summary>
/// The generator and the analyzer over the compilation issue 13 measures builds with: 300 memoized methods over
/// <c>(int, string, record)</c> in 10 classes. Beside them, what the compiler spends binding the generated code and the
/// same methods written plainly: the part of a build the generated code's size costs.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const int Classes = 10;
    private const int Methods = 30;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private CSharpCompilation _memoized = null!;
    private CSharpCompilation _plain = null!;
    private Compilation _generated = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _ranOnce = null!;
    private ImmutableArray<DiagnosticAnalyzer> _sdkAnalyzers;

    [GlobalSetup]
    public void Setup()
    {
        _memoized = Compile(BuildCostSources.Memoized(Classes, Methods));
        _plain = Compile(BuildCostSources.Plain(Classes, Methods));
        _sdkAnalyzers = SdkAnalyzers.Load("CA2252", "CA1856");
        _ranOnce = NewDriver().RunGeneratorsAndUpdateCompilation(_memoized, out _generated, out _);
        var old = _memoized.SyntaxTrees.ElementAt(4);
        _edited = _memoized.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(BuildCostSources.MemoizedClass(3, Methods, editedMethod: 7), ParseOptions, old.FilePath));
        if (_generated.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
        {
            throw new InvalidOperationException("the generated code does not compile: " + error);
        }
    }

    /// <summary>A build: the generator from scratch over the 300 methods.</summary>
    [Benchmark]
    public GeneratorDriver Generator() => NewDriver().RunGenerators(_memoized);

    /// <summary>A keystroke: the generator again after one method body changed.</summary>
    [Benchmark]
    public GeneratorDriver GeneratorAfterOneEdit() => _ranOnce.RunGenerators(_edited);

    /// <summary>The MEMO analyzer over the compilation with the generated code.</summary>
    [Benchmark]
    public Task<ImmutableArray<Diagnostic>> Analyzer() =>
        _generated.Clone().WithAnalyzers([new MemoizeAnalyzer()]).GetAnalyzerDiagnosticsAsync();

    /// <summary>
    /// The SDK's analyzers that cost most on generated code, CA2252 (preview features) and CA1856 (ConstantExpected):
    /// they analyze generated code too, and their work grows with its operations and the distinct symbols it references.
    /// </summary>
    [Benchmark]
    public Task<ImmutableArray<Diagnostic>> SdkAnalyzersOnGenerated() =>
        _generated.Clone().WithAnalyzers(_sdkAnalyzers).GetAnalyzerDiagnosticsAsync();

    /// <summary>The same SDK analyzers over the 300 methods written plainly.</summary>
    [Benchmark]
    public Task<ImmutableArray<Diagnostic>> SdkAnalyzersOnPlain() =>
        _plain.Clone().WithAnalyzers(_sdkAnalyzers).GetAnalyzerDiagnosticsAsync();

    /// <summary>The compiler binding the user's code and the generated code.</summary>
    [Benchmark]
    public ImmutableArray<Diagnostic> CompileGenerated() => _generated.Clone().GetDiagnostics();

    /// <summary>The compiler binding the same 300 methods written plainly: the baseline.</summary>
    [Benchmark(Baseline = true)]
    public ImmutableArray<Diagnostic> CompilePlain() => _plain.Clone().GetDiagnostics();

    private static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new MemoizeGenerator().AsSourceGenerator()], parseOptions: ParseOptions);

    private static CSharpCompilation Compile(string[] sources) =>
        CSharpCompilation.Create(
            "BuildCost",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
                .Split(Path.PathSeparator)
                .Where(path => path.Length > 0)
                .Append(typeof(MemoContext).Assembly.Location)
                .Distinct()
                .Select(path => MetadataReference.CreateFromFile(path)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
}
