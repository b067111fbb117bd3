using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace MemoGen.CodeFixTests.Infrastructure;

/// <summary>
/// Runs a code fix provider the way the IDE does, in an <see cref="AdhocWorkspace"/> that references the running
/// framework and the MemoGen runtime: the generator and the analyzer run on the source, the fix is applied to the
/// diagnostic they report at the marked span, and the fixed source is compiled and analysed again.
/// </summary>
internal static class CodeFixTestHelper
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => !string.IsNullOrEmpty(path))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList());

    /// <summary>Applies the provider's only fix for <paramref name="id"/> at the marked span and asserts the result is <paramref name="expected"/>.</summary>
    public static async Task AssertFixAsync(CodeFixProvider provider, string id, string markup, string expected)
    {
        (Document document, Diagnostic diagnostic) = await PrepareAsync(id, markup);
        IReadOnlyList<CodeAction> actions = await GetActionsAsync(provider, document, diagnostic);
        Assert.That(actions, Has.Count.EqualTo(1), "the provider should offer exactly one fix");

        await AssertAppliedAsync(actions[0], document, expected);
    }

    /// <summary>
    /// Fixes every diagnostic at once, as "Fix all occurrences in document" does: one diagnostic with
    /// <paramref name="id"/> at each marked span.
    /// </summary>
    public static async Task AssertFixAllAsync(CodeFixProvider provider, string id, string markup, string expected)
    {
        (Document document, Diagnostic[] diagnostics) = await PrepareManyAsync(id, markup);
        IReadOnlyList<CodeAction> actions = await GetActionsAsync(provider, document, diagnostics[0]);
        FixAllProvider fixAll = provider.GetFixAllProvider()!;
        var context = new FixAllContext(
            document,
            provider,
            FixAllScope.Document,
            actions[0].EquivalenceKey!,
            [id],
            new FixedDiagnostics(diagnostics),
            CancellationToken.None);
        await AssertAppliedAsync((await fixAll.GetFixAsync(context))!, document, expected);
    }

    /// <summary>Asserts that the provider offers no fix for <paramref name="id"/> at the marked span.</summary>
    public static async Task AssertNoFixAsync(CodeFixProvider provider, string id, string markup)
    {
        (Document document, Diagnostic diagnostic) = await PrepareAsync(id, markup);
        Assert.That(await GetActionsAsync(provider, document, diagnostic), Is.Empty);
    }

    private static async Task AssertAppliedAsync(CodeAction action, Document document, string expected)
    {
        IEnumerable<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        Document fixedDocument = changed.GetDocument(document.Id)!;
        string actual = (await fixedDocument.GetTextAsync()).ToString();
        Assert.That(actual, Is.EqualTo(expected), "the fixed document:\n" + actual);

        IEnumerable<Diagnostic> left = (await AnalyzeAsync(fixedDocument))
            .Where(d => d.Id.StartsWith("MEMO", StringComparison.Ordinal) || d.Severity == DiagnosticSeverity.Error);
        Assert.That(left.Select(d => d.ToString()), Is.Empty, "the fixed code compiles and the analyzer reports nothing on it");
    }

    /// <summary>What the compiler and the analyzer report on the document's project once the generator has run.</summary>
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Document document)
    {
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        CSharpGeneratorDriver.Create([new MemoizeGenerator().AsSourceGenerator()], parseOptions: (CSharpParseOptions)document.Project.ParseOptions!)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Assert.That(generatorDiagnostics, Is.Empty, "the generator reports nothing itself");
        return await generated.WithAnalyzers([new MemoizeAnalyzer()]).GetAllDiagnosticsAsync();
    }

    private static async Task<(Document Document, Diagnostic Diagnostic)> PrepareAsync(string id, string markup)
    {
        (Document document, Diagnostic[] diagnostics) = await PrepareManyAsync(id, markup);
        Assert.That(diagnostics, Has.Length.EqualTo(1), "mark exactly one span");
        return (document, diagnostics[0]);
    }

    private static async Task<(Document Document, Diagnostic[] Diagnostics)> PrepareManyAsync(string id, string markup)
    {
        Markup parsed = Markup.Parse(markup);
        var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "MemoGenCodeFixTests",
            "MemoGenCodeFixTests",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: References.Value));
        Document document = workspace.AddDocument(project.Id, "Source.cs", SourceText.From(parsed.Source));

        // The analyzer's own diagnostics, with the properties the fixes read: each marked span holds one of them.
        SyntaxTree tree = (await document.GetSyntaxTreeAsync())!;
        Diagnostic[] reported = (await AnalyzeAsync(document))
            .Where(d => d.Id == id && d.Location.SourceTree == tree)
            .ToArray();
        Diagnostic[] marked = parsed.Spans
            .Select(span => reported.FirstOrDefault(d => span.Contains(d.Location.SourceSpan) || d.Location.SourceSpan.Contains(span)))
            .Where(d => d is not null)
            .Select(d => d!)
            .ToArray();
        Assert.That(marked, Has.Length.EqualTo(parsed.Spans.Count), $"the analyzer reports {id} at each marked span; it reported: "
            + string.Join("; ", reported.Select(d => $"{d.Location.SourceSpan} {d.GetMessage()}")));
        return (document, marked);
    }

    private static async Task<IReadOnlyList<CodeAction>> GetActionsAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        Assert.That(provider.FixableDiagnosticIds, Does.Contain(diagnostic.Id));
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        return actions;
    }
}
