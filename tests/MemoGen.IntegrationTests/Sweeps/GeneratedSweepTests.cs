using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Sweeps;
using NUnit.Framework;

namespace MemoGen.IntegrationTests.Sweeps;

/// <summary>Sweeps of generated memoized methods on the disk store: resume, force, clear, failures, data spaces.</summary>
public sealed class GeneratedSweepTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private string _folder = "";

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "memogen-sweeps", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task A_cancelled_sweep_resumes_in_a_fresh_context_and_computes_only_the_rest()
    {
        var first = new HeatLab(Options());
        using var cancel = new CancellationTokenSource();
        var stopAfterFive = new CallbackProgress(p =>
        {
            if (p.Done == 5)
            {
                cancel.Cancel();
            }
        });
        var sweep = first.DiffuseMemo.Sweep(nside: Values.Of(16, 32, 64, 128), kappa: Values.Range(0.1, 0.5, step: 0.1), label: "resume")
            .WithParallelism(2)
            .WithProgress(stopAfterFive);

        Assert.That(sweep.Count, Is.EqualTo(20));
        Assert.That(async () => await sweep.RunAsync(cancel.Token).WaitAsync(Patience), Throws.InstanceOf<OperationCanceledException>());
        int computedBefore = first.Computations;
        Assert.That(computedBefore, Is.InRange(5, 6), "points in flight finish; none starts after the cancellation");

        var second = new HeatLab(Options());
        var results = await second.DiffuseMemo.Sweep(Values.Of(16, 32, 64, 128), Values.Range(0.1, 0.5, step: 0.1), "resume")
            .WithParallelism(2)
            .RunAsync().WaitAsync(Patience);

        Assert.That(second.Computations, Is.EqualTo(20 - computedBefore), "only the missing points are computed");
        Assert.That((results.Cached, results.Computed, results.Failed), Is.EqualTo((computedBefore, 20 - computedBefore, 0)));
        Assert.That(results.Select(r => r.Value!.Peak), Is.EqualTo(sweep.Points.Select(p => p.Get<int>("nside") * p.Get<double>("kappa"))));
    }

    [Test]
    public async Task An_abandoned_async_point_is_not_stored_and_the_next_run_computes_it()
    {
        var lab = new HeatLab(Options()) { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var cancel = new CancellationTokenSource();
        var sweep = lab.DiffuseAsyncMemo.Sweep(nside: Values.Of(8), kappa: Values.Of(1.0, 2.0)).WithParallelism(1);

        Task<SweepResults<double>> run = sweep.RunAsync(cancel.Token);
        await cancel.CancelAsync();
        Assert.That(async () => await run.WaitAsync(Patience), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(lab.Computations, Is.Zero);
        Assert.That(lab.DiffuseAsyncMemo.IsCached(8, 1.0), Is.False);

        lab.Gate = HeatLab.Open();
        var results = await sweep.RunAsync().WaitAsync(Patience);
        Assert.That(results.Select(r => (r.Outcome, r.Value)), Is.EqualTo(new[] { (SweepOutcome.Computed, 8.0), (SweepOutcome.Computed, 16.0) }));
    }

    [Test]
    public async Task A_failing_point_is_reported_and_the_rest_completes()
    {
        var lab = new HeatLab(Options());
        var results = await lab.DiffuseMemo.Sweep(Values.Of(10, 20), Values.Of(0.5, -1.0, 2.0), "failing")
            .RunAsync().WaitAsync(Patience);

        Assert.That((results.Computed, results.Failed, results.NotRun), Is.EqualTo((4, 2, 0)));
        var failure = results.Failures.First();
        Assert.That(failure.Point.ToString(), Is.EqualTo("nside=10, kappa=-1"));
        Assert.That(failure.Error, Is.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("negative diffusivity (failing)"));
        Assert.That(lab.DiffuseMemo.IsCached(20, 2.0), Is.True);
    }

    [Test]
    public async Task Stopping_at_the_first_failure_leaves_the_rest_not_run()
    {
        var lab = new HeatLab(Options());
        var results = await lab.DiffuseMemo.Sweep(Values.Of(10), Values.Of(0.5, -1.0, 2.0, 3.0), "stop")
            .WithParallelism(1)
            .StopOnFirstFailure()
            .RunAsync().WaitAsync(Patience);

        Assert.That(results.Select(r => r.Outcome), Is.EqualTo(new[] { SweepOutcome.Computed, SweepOutcome.Failed, SweepOutcome.NotRun, SweepOutcome.NotRun }));
        Assert.That(lab.Computations, Is.EqualTo(2));
    }

    [Test]
    public async Task Forced_points_recompute_and_the_others_come_from_the_cache()
    {
        var lab = new HeatLab(Options());
        var sweep = lab.DiffuseMemo.Sweep(Values.Of(1, 2, 3), Values.Of(1.0, 2.0), "force");
        await sweep.RunAsync().WaitAsync(Patience);

        var fresh = new HeatLab(Options());
        var partly = await fresh.DiffuseMemo.Sweep(Values.Of(1, 2, 3), Values.Of(1.0, 2.0), "force")
            .Recompute(p => p.Get<int>("nside") == 2)
            .RunAsync().WaitAsync(Patience);
        Assert.That((partly.Computed, partly.Cached, fresh.Computations), Is.EqualTo((2, 4, 2)));
        Assert.That(partly.Where(r => r.Outcome == SweepOutcome.Computed).Select(r => r.Point.Get<int>("nside")), Is.All.EqualTo(2));

        var all = await sweep.Recompute().RunAsync().WaitAsync(Patience);
        Assert.That((all.Computed, lab.Computations), Is.EqualTo((6, 12)));
    }

    [Test]
    public async Task Cleared_points_are_misses()
    {
        var lab = new HeatLab(Options());
        var sweep = lab.DiffuseMemo.Sweep(Values.Of(4, 5), Values.Range(1.0, 3.0, count: 3), "clear");
        await sweep.RunAsync().WaitAsync(Patience);
        lab.Diffuse(9, 9.0, "outside the sweep", default);

        Assert.That(sweep.Invalidate(), Is.EqualTo(6));
        var fresh = new HeatLab(Options());
        Assert.That(fresh.DiffuseMemo.IsCached(4, 2.0), Is.False);
        Assert.That(fresh.DiffuseMemo.IsCached(9, 9.0), Is.True, "entries outside the sweep stay");

        var again = await fresh.DiffuseMemo.Sweep(Values.Of(4, 5), Values.Range(1.0, 3.0, count: 3), "clear").RunAsync().WaitAsync(Patience);
        Assert.That((again.Computed, again.Cached, fresh.Computations), Is.EqualTo((6, 0, 6)));
    }

    [Test]
    public async Task A_static_async_method_sweeps_with_its_context_passed_once()
    {
        var context = new MemoContext(Options());
        var results = await HeatFormulas.DecayAsyncMemo(context).Sweep(rate: Values.Of(0.5), steps: Values.Range(0L, 3L, step: 1L))
            .RunAsync().WaitAsync(Patience);

        Assert.That(results.Select(r => r.Value), Is.EqualTo(new[] { 1.0, 0.5, 0.25, 0.125 }));
        Assert.That(HeatFormulas.DecayAsyncMemo(context).IsCached(0.5, 3), Is.True);
    }

    [Test]
    public async Task A_parameter_space_from_json_sweeps_the_typed_method()
    {
        var space = ParameterSpace.FromJson("""
            { "function": "sweep_diffuse",
              "dimensions": { "kappa": { "start": 0.5, "stop": 1.5, "step": 0.5 }, "nside": [2, 4] } }
            """);
        var lab = new HeatLab(Options());
        var results = await lab.DiffuseMemo.Sweep(space, "json").RunAsync().WaitAsync(Patience);

        Assert.That(results.Select(r => r.Point.ToString()), Is.EqualTo(new[]
        {
            "nside=2, kappa=0.5", "nside=2, kappa=1", "nside=2, kappa=1.5", "nside=4, kappa=0.5", "nside=4, kappa=1", "nside=4, kappa=1.5",
        }));
        Assert.That(lab.DiffuseMemo.IsCached(4, 1.5), Is.True);
    }

    [TestCase("""{ "dimensions": { "nsied": [2], "kappa": [1.0] } }""", "nsied", "has no swept parameter of that name")]
    [TestCase("""{ "dimensions": { "nside": [2.5], "kappa": [1.0] } }""", "nside", "2.5 is not a valid Int32")]
    [TestCase("""{ "dimensions": { "nside": [2] } }""", "kappa", "has no dimension in the parameter space")]
    [TestCase("""{ "dimensions": { "nside": { "start": 1, "stop": 4, "step": 0.5 }, "kappa": [1.0] } }""", "nside", "0.5 is not a valid Int64")]
    public void A_parameter_space_that_does_not_fit_the_method_names_the_dimension(string json, string dimension, string message)
    {
        var lab = new HeatLab(Options());
        var space = ParameterSpace.FromJson(json);

        Assert.That(
            () => lab.DiffuseMemo.Sweep(space, "bad"),
            Throws.InstanceOf<ParameterSpaceException>()
                .With.Property(nameof(ParameterSpaceException.Dimension)).EqualTo(dimension)
                .And.Message.Contains(message));
    }

    private MemoOptions Options() => new() { CacheDirectory = _folder };

    /// <summary>Reports synchronously, on the worker that finished the point.</summary>
    private sealed class CallbackProgress(Action<SweepProgress> onReport) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => onReport(value);
    }
}
