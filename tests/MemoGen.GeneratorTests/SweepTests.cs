using System.Linq;
using MemoGen.GeneratorTests.Infrastructure;
using NUnit.Framework;

namespace MemoGen.GeneratorTests;

/// <summary>
/// The typed <c>Sweep(...)</c> on each handle: one <c>Values&lt;T&gt;</c> per key parameter, named and typed like it, so
/// that misuse is a compile error; parameters outside the key are passed once.
/// </summary>
public sealed class SweepTests
{
    private const string Lab = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using MemoGen;

        namespace Physics;

        public sealed record Settings(int Size);

        public partial class Lab(MemoOptions options) : MemoContext(options)
        {
            [Memoize] public partial double Diffuse(int nside, double kappa, [MemoIgnore] string label, IProgress<int>? progress, CancellationToken cancellationToken);
            private double DiffuseCore(int nside, double kappa, string label, IProgress<int>? progress, CancellationToken cancellationToken) => nside * kappa;

            [Memoize] public partial ValueTask<string> NameAsync(string? @event, int? count);
            private ValueTask<string> NameAsyncCore(string? @event, int? count) => new($"{@event}{count}");

            [Memoize] public partial int Sweep(int space);
            private int SweepCore(int space) => space;
        }

        public static partial class Formulas
        {
            [Memoize] public static partial Task<long> Decay(MemoContext context, double rate, [MemoIgnore] string space);
            private static Task<long> DecayCore(MemoContext context, double rate, string space) => Task.FromResult((long)rate);
        }

        public sealed partial record Probe(int Id)
        {
            [Memoize] public partial int Measure(MemoContext context, Settings settings);
            private int MeasureCore(MemoContext context, Settings settings) => settings.Size + Id;
        }
        """;

    [Test]
    public void Every_form_gets_a_typed_sweep_and_a_sweep_of_a_parameter_space()
    {
        const string usage = """
            using System.Threading.Tasks;
            using MemoGen;
            using MemoGen.Sweeps;

            namespace Physics;

            public static class Usage
            {
                public static async Task Run(Lab lab, MemoContext context, ParameterSpace space)
                {
                    Sweep<double> diffuse = lab.DiffuseMemo.Sweep(nside: Values.Of(64, 128), kappa: Values.Range(0.1, 1.0, step: 0.1), label: "x", progress: null);
                    SweepResults<double> results = await diffuse.WithParallelism(2).RunAsync();
                    Sweep<string> named = lab.NameAsyncMemo.Sweep(@event: Values.Of<string?>("a", null), count: Values.Of<int?>(1, null));
                    Sweep<int> self = lab.SweepMemo.Sweep(space: 3);
                    Sweep<long> decay = Formulas.DecayMemo(context).Sweep(rate: Values.Range(0.0, 1.0, count: 3), space: "once");
                    Sweep<long> fromData = Formulas.DecayMemo(context).Sweep(space, "once");
                    Sweep<int> probe = new Probe(1).MeasureMemo(context).Sweep(settings: Values.Of(new Settings(1), new Settings(2)));
                    Sweep<double> diffuseFromData = lab.DiffuseMemo.Sweep(space, "x", null);
                }
            }
            """;

        GeneratorTestHelper.RunAndCompile(Lab, usage);
    }

    [TestCase("lab.DiffuseMemo.Sweep(nsid: Values.Of(64), kappa: Values.Of(0.5), label: \"x\", progress: null)", "CS1739")]
    [TestCase("lab.DiffuseMemo.Sweep(nside: Values.Of(\"64\"), kappa: Values.Of(0.5), label: \"x\", progress: null)", "CS1503")]
    [TestCase("lab.DiffuseMemo.Sweep(nside: Values.Of(64), kappa: Values.Of(0.5), label: Values.Of(\"x\"), progress: null)", "CS1503")]
    [TestCase("lab.DiffuseMemo.Sweep(nside: Values.Of(64), kappa: Values.Of(0.5), label: \"x\", progress: null, cancellationToken: default)", "CS1739")]
    [TestCase("lab.DiffuseMemo.Sweep(nside: Values.Of(64), label: \"x\", progress: null)", "CS7036")]
    public void Misusing_a_typed_sweep_is_a_compile_error(string call, string expectedError)
    {
        string usage = $$"""
            using MemoGen.Sweeps;

            namespace Physics;

            public static class Usage
            {
                public static object Run(Lab lab) => {{call}};
            }
            """;

        var run = GeneratorTestHelper.Run(Lab, usage);

        Assert.That(run.GeneratorDiagnostics, Is.Empty);
        Assert.That(run.Errors.Select(e => (e.Id, e.Location.SourceTree?.FilePath)), Is.EqualTo(new[] { (expectedError, "Source1.cs") }),
            string.Join("\n", run.Errors.Select(GeneratorRun.Describe)));
    }

    [Test]
    public void A_method_without_key_parameters_gets_no_sweep()
    {
        const string source = """
            using MemoGen;

            public partial class Sky(MemoOptions options) : MemoContext(options)
            {
                [Memoize] public partial int Describe([MemoIgnore] object tag);
                private int DescribeCore(object tag) => 0;
            }
            """;

        var run = GeneratorTestHelper.RunAndCompile(source);

        Assert.That(run.Files.Values.Single(), Does.Contain("DescribeMemo => ").And.Not.Contain(" Sweep("));
        Assert.That(run.SharedHandles ?? "", Does.Not.Contain(" Sweep("));
    }
}
