using System.Linq;
using System.Threading.Tasks;
using MemoGen.Generator.CodeVersions;
using MemoGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.CodeVersions;

/// <summary><c>PinVersion</c>, and MEMO030 where the version cannot see what runs.</summary>
public sealed class PinnedAndBlindTests
{
    private const string Pinned = """
        using MemoGen;

        public partial class Logs(MemoOptions options) : MemoContext(options)
        {
            [Memoize(Version = 3, PinVersion = true)] public partial int Count(int x);
            private int CountCore(int x) => Helper(x);

            private static int Helper(int x) => x + 1;
        }
        """;

    private const string DelegateParameter = """
        using System;
        using MemoGen;

        public partial class Curves(MemoOptions options) : MemoContext(options)
        {
            [Memoize] public partial double Integral(double x);
            private double IntegralCore(double x) => Integrate(x, v => v * v);

            private static double Integrate(double x, Func<double, double> f) => f(x) / 3;
        }
        """;

    [Test]
    public void A_pinned_version_survives_edits_and_changes_with_Version()
    {
        var before = CodeVersionRun.Of(Pinned);
        var edited = CodeVersionRun.Of(Pinned.Replace("x + 1", "x + 2").Replace("=> Helper(x)", "=> Helper(x) * 1"));
        var bumped = CodeVersionRun.Of(Pinned.Replace("Version = 3", "Version = 4"));

        Assert.That(edited.Version("Count"), Is.EqualTo(before.Version("Count")));
        Assert.That(bumped.Version("Count"), Is.Not.EqualTo(before.Version("Count")));
        Assert.That(before.Covers("Count"), Is.EqualTo(new[] { "pinned by hand: Version = 3" }));
    }

    [Test]
    public async Task A_delegate_parameter_is_reported_as_MEMO030_and_its_lambda_is_still_covered()
    {
        var run = CodeVersionRun.Of(DelegateParameter);
        var diagnostics = await run.Run.Output.WithAnalyzers([new CodeVersionAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        var memo030 = diagnostics.Single(d => d.Id == DiagnosticIds.UnseenDependency);
        Assert.That(memo030.Severity, Is.EqualTo(DiagnosticSeverity.Info));
        Assert.That(memo030.Location.SourceTree!.ToString().Substring(memo030.Location.SourceSpan.Start, memo030.Location.SourceSpan.Length), Is.EqualTo("Integral"));
        Assert.That(memo030.GetMessage(), Does.Contain("the delegate 'f'"));

        var edited = CodeVersionRun.Of(DelegateParameter.Replace("v => v * v", "v => v * v * v"));
        Assert.That(edited.Version("Integral"), Is.Not.EqualTo(run.Version("Integral")), "the lambda is written in the Core");
    }

    [Test]
    public async Task Reflection_is_reported_and_a_pinned_method_or_plain_code_is_not()
    {
        var run = CodeVersionRun.Of(Pinned, """
            using MemoGen;

            public partial class Plugins(MemoOptions options) : MemoContext(options)
            {
                [Memoize] public partial string Load(string name);
                private string LoadCore(string name) => System.Activator.CreateInstance(System.Type.GetType(name)!)!.ToString()!;

                [Memoize] public partial int Plain(int x);
                private int PlainCore(int x) => x * 2;
            }
            """);
        var diagnostics = await run.Run.Output.WithAnalyzers([new CodeVersionAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        Assert.That(diagnostics.Select(d => d.Id + " " + d.GetMessage()), Has.Exactly(1).Items.And.All.Contains("Plugins.Load").And.All.Contains("Activator"));
    }
}
