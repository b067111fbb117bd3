using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemoGen.Benchmarks;

/// <summary>Loads analyzers of the .NET SDK that runs the benchmarks, as a build would run them, by the IDs they report.</summary>
internal static class SdkAnalyzers
{
    /// <summary>The C# analyzers of the newest installed SDK that report any of <paramref name="ids"/>.</summary>
    /// <exception cref="InvalidOperationException">No SDK with the analyzers, or none of them reports the IDs.</exception>
    public static ImmutableArray<DiagnosticAnalyzer> Load(params string[] ids)
    {
        // The runtime lives in <dotnet>/shared/Microsoft.NETCore.App/<version>/; the SDKs in <dotnet>/sdk/<version>/.
        var dotnet = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var folder = Directory.GetDirectories(Path.Combine(dotnet, "sdk"))
            .Select(sdk => Path.Combine(sdk, "Sdks", "Microsoft.NET.Sdk", "analyzers"))
            .Where(analyzers => File.Exists(Path.Combine(analyzers, "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll")))
            .OrderBy(analyzers => Version.TryParse(Path.GetFileName(Path.GetFullPath(Path.Combine(analyzers, "..", "..", ".."))).Split('-')[0], out var v) ? v : new Version())
            .LastOrDefault()
            ?? throw new InvalidOperationException($"no .NET SDK with its analyzers under {dotnet}");

        var loader = new FolderLoader();
        var analyzers = new[] { "Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll" }
            .SelectMany(file => new AnalyzerFileReference(Path.Combine(folder, file), loader).GetAnalyzers(LanguageNames.CSharp))
            .Where(analyzer => analyzer.SupportedDiagnostics.Any(d => ids.Contains(d.Id)))
            .ToImmutableArray();
        return analyzers.Length > 0 ? analyzers : throw new InvalidOperationException($"no analyzer in {folder} reports {string.Join(", ", ids)}");
    }

    private sealed class FolderLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
