using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using MemoGen.PackageTests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemoGen.PackageTests.Docs;

/// <summary>
/// Compiles C# in this process against what the packed package holds: its runtime assembly as a reference and its
/// generators running, as in a consumer's build. One compilation per snippet, so that snippets may declare the same
/// names; it costs milliseconds where a <c>dotnet build</c> costs seconds.
/// </summary>
internal sealed class PackedCompiler
{
    private const string RuntimeEntry = "lib/net10.0/MemoGen.dll";
    private const string AnalyzerFolder = "analyzers/dotnet/cs/";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private readonly ImmutableArray<MetadataReference> _references;
    private readonly ImmutableArray<ISourceGenerator> _generators;
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;

    private PackedCompiler(ImmutableArray<MetadataReference> references, ImmutableArray<ISourceGenerator> generators, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        _references = references;
        _generators = generators;
        _analyzers = analyzers;
    }

    /// <summary>Unpacks the package into its workspace and loads its generators.</summary>
    public static PackedCompiler For(LocalPackage package)
    {
        string unpacked = Path.Combine(package.Workspace, "unpacked");
        if (!Directory.Exists(unpacked))
        {
            ZipFile.ExtractToDirectory(package.NupkgPath, unpacked);
        }

        IEnumerable<MetadataReference> framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(static path => path.Length > 0 && !Path.GetFileName(path).StartsWith("MemoGen", StringComparison.Ordinal))
            .Select(static path => MetadataReference.CreateFromFile(path));
        var references = framework.Append(MetadataReference.CreateFromFile(Path.Combine(unpacked, RuntimeEntry))).ToImmutableArray();

        List<Type> types = Directory.EnumerateFiles(Path.Combine(unpacked, AnalyzerFolder), "*.dll")
            .Select(static path => AssemblyLoadContext.Default.LoadFromAssemblyPath(path))
            .SelectMany(LoadableTypes)
            .ToList();
        var generators = types
            .Where(static type => type.GetCustomAttribute<GeneratorAttribute>() is not null && typeof(IIncrementalGenerator).IsAssignableFrom(type))
            .Select(static type => ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator())
            .ToImmutableArray();
        var analyzers = types
            .Where(static type => type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null && typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            .Select(static type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();
        return new PackedCompiler(references, generators, analyzers);
    }

    /// <summary>
    /// The types an analyzer assembly defines that load here: the code fixes' types need the Workspaces assemblies,
    /// which only an IDE provides, and a build never loads them either.
    /// </summary>
    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            return partial.Types.OfType<Type>();
        }
    }

    public int GeneratorCount => _generators.Length;

    public int AnalyzerCount => _analyzers.Length;

    /// <summary>
    /// Compiles <paramref name="code"/> (as a program if it has top-level statements, else as a library) with the
    /// package's generators and analyzers; returns the errors and warnings of the result and what the generators threw.
    /// </summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(string code, string path)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(code, ParseOptions, path);
        bool program = tree.GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "DocSnippet",
            [tree],
            _references,
            new CSharpCompilationOptions(
                program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(_generators, parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);

        ImmutableArray<Diagnostic> diagnostics = _analyzers.IsEmpty
            ? output.GetDiagnostics()
            : await output.WithAnalyzers(_analyzers).GetAllDiagnosticsAsync();
        return generatorDiagnostics
            .Concat(diagnostics)
            .Where(static d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(static d => d.ToString())
            .Concat(driver.GetRunResult().Results.Where(static r => r.Exception is not null).Select(static r => "generator threw: " + r.Exception))
            .ToList();
    }
}
