using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Sweeps;
using NUnit.Framework;

namespace MemoGen.IntegrationTests.Sweeps;

// The example of docs/sweeps.md, kept compiling here; only the cache folder and the CSV path differ.
public sealed record Field(int Nside, double Kappa, double Peak);

public sealed partial class Simulation(MemoOptions options) : MemoContext(options)
{
    [Memoize(Tags = new[] { "disk" })]
    public partial Field Diffuse(int nside, double kappa, [MemoIgnore] string label, CancellationToken cancellationToken);

    private Field DiffuseCore(int nside, double kappa, string label, CancellationToken cancellationToken) =>
        new(nside, kappa, nside * kappa);  // the real, slow work
}

public sealed class DocsExampleTests
{
    [Test]
    public async Task The_guide_example_runs_and_writes_its_table()
    {
        string folder = Path.Combine(Path.GetTempPath(), "memogen-sweeps", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var sim = new Simulation(new MemoOptions { CacheDirectory = folder });
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();

            SweepResults<Field> results = await sim.DiffuseMemo
                .Sweep(nside: Values.Of(64, 128), kappa: Values.Range(0.1, 1.0, step: 0.1), label: "run 1")
                .WithParallelism(2)
                .WithProgress(new Progress<SweepProgress>(p => lines.Enqueue($"{p.Done}/{p.Total}, {p.Cached} cached")))
                .RunAsync(stop.Token);

            string csv = Path.Combine(folder, "diffuse.csv");
            results.ToTable(("peak", f => f.Peak)).WriteCsv(csv);
            string[] rows = File.ReadAllLines(csv);
            Assert.That((results.Computed, results.Cached, results.Failed), Is.EqualTo((20, 0, 0)));
            Assert.That(rows.First(), Is.EqualTo("nside,kappa,peak"));
            Assert.That(rows.Skip(1), Is.EqualTo(results.Select(r => FormattableString.Invariant($"{r.Value!.Nside},{r.Value.Kappa:R},{r.Value.Peak:R}"))));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
