using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.Analyzer;

/// <summary>What <c>[Memoize]</c> names: MEMO009 (a cache name used twice), MEMO010 (not a folder name), MEMO014 (an unknown tag).</summary>
public sealed class NameDiagnosticTests
{
    [Test]
    public async Task A_cache_name_used_twice_is_MEMO009_at_both_places()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(
            DiagnosticSeverity.Error,
            """
            public partial class Sky : MemoContext
            {
                [Memoize(Name = {|MEMO009:"rms"|})] public partial int Rms(int value);
                private int RmsCore(int value) => value;
            }
            """,
            """
            public static partial class Spectra
            {
                [Memoize] public static partial int {|MEMO009:rms|}(MemoContext context, int value);
                private static int rmsCore(MemoContext context, int value) => value;
            }
            """);

        Assert.That(run.Memo.Select(d => d.GetMessage()), Is.EquivalentTo(new[]
        {
            "The cache name 'rms' of 'Sky.Rms' is also used by 'Spectra.rms', so the two would share one cache; give one of them another Name in [Memoize(Name = ...)]",
            "The cache name 'rms' of 'Spectra.rms' is also used by 'Sky.Rms', so the two would share one cache; give one of them another Name in [Memoize(Name = ...)]",
        }));
        Assert.That(run.Memo.Select(d => d.AdditionalLocations.Single().SourceTree!.FilePath), Is.EquivalentTo(new[] { "Source1.cs", "Source0.cs" }), "each points at the other");
    }

    [Test]
    public async Task Cache_names_that_differ_only_in_case_are_MEMO009_as_their_folders_would_be_one()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial class Context : MemoContext
            {
                [Memoize] public partial int {|MEMO009:Sum|}(int value);
                private int SumCore(int value) => value;

                [Memoize(Name = {|MEMO009:"sum"|})] public partial int Total(int value);
                private int TotalCore(int value) => value;
            }
            """);

        Assert.That(run.Memo[0].GetMessage(), Does.Contain("is also used by 'Context.Total' (as 'sum', and cache folders ignore case)"));
    }

    [Test]
    public async Task Overloads_sharing_a_cache_name_are_MEMO009_told_apart_by_their_parameters()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial class Context : MemoContext
            {
                [Memoize] public partial int {|MEMO009:Count|}();
                private int CountCore() => 0;

                [Memoize] public partial int {|MEMO009:Count|}(int value);
                private int CountCore(int value) => value;
            }
            """);

        Assert.That(run.Memo[0].GetMessage(), Does.StartWith("The cache name 'Count' of 'Context.Count()' is also used by 'Context.Count(int)'"));
    }

    [TestCase("", "it is empty")]
    [TestCase(".", "'.' and '..' name the current and the parent folder")]
    [TestCase("..", "'.' and '..' name the current and the parent folder")]
    [TestCase("maps/rms", "it contains the path separator '/'")]
    [TestCase(@"maps\\rms", @"it contains the path separator '\'")]
    [TestCase("rms:2", "it contains ':', which Windows does not allow in file names")]
    [TestCase("rms?", "it contains '?', which Windows does not allow in file names")]
    [TestCase("rms|x", "it contains '|', which Windows does not allow in file names")]
    [TestCase("tab\\there", "it contains the control character U+0009")]
    [TestCase("rms.", "it ends with a dot or a space, which Windows removes")]
    [TestCase("rms ", "it ends with a dot or a space, which Windows removes")]
    [TestCase("CON", "'CON' is a reserved device name on Windows")]
    [TestCase("nul.json", "'nul' is a reserved device name on Windows")]
    [TestCase("Com7", "'Com7' is a reserved device name on Windows")]
    [TestCase("lpt1 .txt", "'lpt1' is a reserved device name on Windows")]
    [TestCase("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "it is longer than 100 characters")]
    public async Task A_cache_name_that_is_not_a_safe_folder_name_is_MEMO010_on_the_name(string name, string why)
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, $$"""
            public partial class Context : MemoContext
            {
                [Memoize(Name = {|MEMO010:"{{name}}"|})] public partial int Bad(int value);
                private int BadCore(int value) => value;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.Contain($"cannot be a folder name because {why}; choose a Name made of letters, digits, '_', '-' and '.'"));
    }

    [Test]
    public async Task A_method_name_that_is_a_reserved_device_name_is_MEMO010_on_the_method()
    {
        await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, """
            public partial class Context : MemoContext
            {
                [Memoize] public partial int {|MEMO010:Aux|}(int value);
                private int AuxCore(int value) => value;
            }
            """);
    }

    [TestCase("rms_squared")]
    [TestCase("maps.v2-final")]
    [TestCase("Überblick")]
    [TestCase("console")]
    [TestCase("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task A_safe_cache_name_is_fine(string name)
    {
        await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, $$"""
            public partial class Context : MemoContext
            {
                [Memoize(Name = "{{name}}")] public partial int Fine(int value);
                private int FineCore(int value) => value;
            }
            """);
    }

    [Test]
    public async Task An_unknown_tag_is_a_MEMO014_warning_on_the_tag_and_the_method_still_generates()
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Warning, """
            public partial class Context : MemoContext
            {
                [Memoize(Tags = new[] { "disk", {|MEMO014:"dsk"|} })] public partial int Square(int value);
                private int SquareCore(int value) => value;

                [Memoize(Tags = [{|MEMO014:"fast"|}, "lazy"])] public partial int Cube(int value);
                private int CubeCore(int value) => value;
            }
            """);

        Assert.That(run.Memo[0].GetMessage(), Is.EqualTo(
            "'Context.Square' has the tag 'dsk', which is not a built-in policy ('disk', 'lazy'); check its spelling, or suppress this warning if the tag selects a policy of your own"));
        Assert.That(run.Generator.Files.Keys, Is.EquivalentTo(new[] { "Context.Square.g.cs", "Context.Cube.g.cs" }));
    }
}
