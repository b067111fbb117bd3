using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace MemoGen.CodeFixTests.Infrastructure;

/// <summary>
/// Runs a code fix provider on a diagnostic the test makes itself (an ID at the marked span), the way the IDE would
/// after the analyzer reported it, in an <see cref="AdhocWorkspace"/> that references the running framework and the
/// MemoGen runtime.
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
        string actual = (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();
        Assert.That(actual, Is.EqualTo(expected), "the fixed document:\n" + actual);
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

        var descriptor = new DiagnosticDescriptor(id, id, id, "MemoGen.Usage", DiagnosticSeverity.Error, isEnabledByDefault: true);
        SyntaxTree tree = (await document.GetSyntaxTreeAsync())!;
        return (document, parsed.Spans.Select(span => Diagnostic.Create(descriptor, Location.Create(tree, span))).ToArray());
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
