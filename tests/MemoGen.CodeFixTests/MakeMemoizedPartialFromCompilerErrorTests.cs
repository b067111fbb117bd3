using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.CodeFixes;
using MemoGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace MemoGen.CodeFixTests;

/// <summary>
/// The fix offered on the compiler's own errors when <c>partial</c> is missing: these tests take the diagnostics the
/// real compiler reports (with the generator running, as in a build), apply the fix, and compile the result again.
/// </summary>
public sealed class MakeMemoizedPartialFromCompilerErrorTests
{
    private static readonly string[] CompilerIds = ["CS0751", "CS8795", "CS0501"];

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => !string.IsNullOrEmpty(path))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList());

    [Test]
    public Task ANonPartialClassGivesCS0751AndIsFixed() => AssertFixedAsync(
        """
        using MemoGen;

        namespace Astro;

        public class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public partial int Area(int side);

            private int AreaCore(int side) => side * side;
        }
        """,
        expectedErrors: ["CS0751", "CS8795"]);

    [Test]
    public Task ANonPartialOuterTypeGivesOnlyCS8795AndIsFixed() => AssertFixedAsync(
        """
        using MemoGen;

        public static class Spectra
        {
            public partial class Bins
            {
                [Memoize]
                public static partial int Count(MemoContext context, int width);

                private static int CountCore(MemoContext context, int width) => width * 2;
            }
        }
        """,
        expectedErrors: ["CS8795"]);

    [Test]
    public Task AMethodWithoutPartialGivesCS0501AndIsFixed() => AssertFixedAsync(
        """
        using System.Threading.Tasks;
        using MemoGen;

        public partial class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public Task<int> AreaAsync(int side);

            private Task<int> AreaAsyncCore(int side) => Task.FromResult(side * side);
        }
        """,
        expectedErrors: ["CS0501"]);

    [Test]
    public Task NothingPartialAtAllIsFixedInOneStep() => AssertFixedAsync(
        """
        using MemoGen;

        public class Outer
        {
            public class Sky(MemoOptions options) : MemoContext(options)
            {
                [Memoize]
                public int Area(int side);

                private int AreaCore(int side) => side * side;
            }
        }
        """,
        expectedErrors: ["CS0501"]);

    [Test]
    public async Task AMethodWithoutMemoizeIsLeftAlone()
    {
        const string source = """
            public class Plain
            {
                public partial int Area(int side);
            }
            """;
        (Document document, IReadOnlyList<Diagnostic> errors) = await CompileAsync(source);
        Assert.That(errors.Select(static e => e.Id), Is.EquivalentTo(new[] { "CS0751", "CS8795" }));

        foreach (Diagnostic error in errors)
        {
            Assert.That(await ActionsAsync(document, error), Is.Empty, error.ToString());
        }
    }

    /// <summary>
    /// Asserts that the compiler reports exactly <paramref name="expectedErrors"/>, that the fix is offered on each of
    /// them, and that applying it from any of them leaves code that compiles with the generator without an error.
    /// </summary>
    private static async Task AssertFixedAsync(string source, string[] expectedErrors)
    {
        (Document document, IReadOnlyList<Diagnostic> errors) = await CompileAsync(source);
        Assert.That(errors.Select(static e => e.Id).Distinct(), Is.EquivalentTo(expectedErrors), Describe(errors));

        foreach (Diagnostic error in errors)
        {
            IReadOnlyList<CodeAction> actions = await ActionsAsync(document, error);
            Assert.That(actions, Has.Count.EqualTo(1), "one fix on " + error);

            IEnumerable<CodeActionOperation> operations = await actions[0].GetOperationsAsync(CancellationToken.None);
            Document fixedDocument = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
            (_, IReadOnlyList<Diagnostic> remaining) = await CompileAsync((await fixedDocument.GetTextAsync()).ToString());
            Assert.That(remaining, Is.Empty, "after the fix on " + error.Id + ":\n" + Describe(remaining));
        }
    }

    private static async Task<IReadOnlyList<CodeAction>> ActionsAsync(Document document, Diagnostic diagnostic)
    {
        var provider = new MakeMemoizedPartialFromCompilerErrorCodeFixProvider();
        Assert.That(provider.FixableDiagnosticIds, Does.Contain(diagnostic.Id));
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions;
    }

    /// <summary>Compiles as a build does, generator included; returns the document and every error of the output.</summary>
    private static async Task<(Document Document, IReadOnlyList<Diagnostic> Errors)> CompileAsync(string source)
    {
        var workspace = new AdhocWorkspace();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        Project project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "MemoGenCompilerErrorFixTests",
            "MemoGenCompilerErrorFixTests",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: parseOptions,
            metadataReferences: References.Value));
        Document document = workspace.AddDocument(project.Id, "Source.cs", SourceText.From(source));

        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        CSharpGeneratorDriver.Create([new MemoizeGenerator().AsSourceGenerator()], parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        var errors = output.GetDiagnostics()
            .Where(static d => d.Severity == DiagnosticSeverity.Error)
            .ToList();
        Assert.That(errors.Select(static e => e.Id).Except(CompilerIds), Is.Empty, "unexpected errors:\n" + Describe(errors));
        return (document, errors);
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics);
}
