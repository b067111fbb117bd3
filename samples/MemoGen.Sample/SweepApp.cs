using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Sweeps;
using Spectre.Console;

namespace MemoGen.Sample;

/// <summary>One run of the sample: the sweep with a live progress bar, then the picture, the table and the verdict.</summary>
public sealed class SweepApp(string cacheDirectory, int size, int workers, bool force, string outputDirectory)
{
    /// <summary>The side of each simulated dish, in cells.</summary>
    public const int Grid = 128;

    /// <summary>Time steps per simulation.</summary>
    public const int Steps = 4000;

    /// <summary>Runs the sweep; 0 when every point was computed or loaded exactly once, else non-zero.</summary>
    public async Task<int> RunAsync()
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 240;  // one line per message in a log, not 80-column fragments
        }

        var dish = new Dish(new MemoOptions { CacheDirectory = cacheDirectory });
        Sweep<ImmutableArray<float>> sweep = dish.SimulateMemo
            .Sweep(feed: Values.Range(0.010, 0.070, count: size), kill: Values.Range(0.045, 0.069, count: size), grid: Grid, steps: Steps, seed: 7)
            .WithParallelism(workers);
        sweep = force ? sweep.Recompute() : sweep;
        AnsiConsole.MarkupLine($"Gray–Scott sweep: [bold]{sweep.Count}[/] runs ({size} feed × {size} kill rates, {Grid}×{Grid} cells, {Steps} steps), "
            + $"{workers} worker(s), cache [blue]{Markup.Escape(Path.GetFullPath(cacheDirectory))}[/]{(force ? ", recomputing every point" : "")}");

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        ProgressBar? bar = null;
        SweepResults<ImmutableArray<float>>? results = null;
        try
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    bar = new ProgressBar(context.AddTask("starting", maxValue: sweep.Count));
                    results = await sweep.WithProgress(bar).RunAsync(cancellation.Token);
                });
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            SweepProgress? last = bar?.Last;
            AnsiConsole.MarkupLine($"[yellow]Stopped[/] after {last?.Elapsed.TotalSeconds ?? 0:0.0} s: {last?.Done ?? 0} of {sweep.Count} points done "
                + $"({last?.Computed ?? 0} computed, {last?.Cached ?? 0} from the cache), all of them stored. Run again to compute only the rest.");
            return 2;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        return Report(dish, results!, sweep.Count);
    }

    private int Report(Dish dish, SweepResults<ImmutableArray<float>> results, int total)
    {
        List<PointResult> done = [.. results.Where(r => r.Succeeded).Select(r => Summarize(dish, r))];
        foreach (SweepResult<ImmutableArray<float>> failure in results.Failures)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(failure.Point.ToString())} failed:[/] {Markup.Escape(failure.Error?.Message ?? "")}");
        }

        double seconds = results.Elapsed.TotalSeconds;
        double savedSeconds = done.Where(r => !r.Computed).Sum(r => r.ComputeSeconds);
        AnsiConsole.MarkupLine($"Computed {results.Computed} points and loaded {results.Cached} from the cache in {seconds:0.0} s.");
        if (results.Cached == total)
        {
            AnsiConsole.MarkupLine($"[green]Every point ({results.Cached} of {total}) came from the cache[/] in {seconds:0.0} s; "
                + $"computing them had taken {savedSeconds:0.0} s of worker time.");
        }
        else if (results.Cached > 0)
        {
            AnsiConsole.MarkupLine($"The cache saved {savedSeconds:0.0} s of worker time.");
        }

        if (done.Count > 0)
        {
            Directory.CreateDirectory(outputDirectory);
            string picture = Path.Combine(outputDirectory, "gray-scott.png"), table = Path.Combine(outputDirectory, "gray-scott.csv");
            SweepPicture.Write(picture, done, [.. done.Select(r => r.Parameters.Feed).Distinct().Order()], [.. done.Select(r => r.Parameters.Kill).Distinct().Order()]);
            results.ToTable(("mean_v", field => PointResult.Mean(field)), ("contrast", field => PointResult.StandardDeviation(field))).WriteCsv(table);
            AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(picture)}[/] and [blue]{Markup.Escape(table)}[/].");
        }

        // Exactly once: every point finished, none failed, and none was computed twice in this process.
        bool exactlyOnce = done.Count == total && results.Computed + results.Cached == total && done.All(r => dish.Runs(r.Parameters) <= 1);
        return exactlyOnce ? 0 : 1;
    }

    private static PointResult Summarize(Dish dish, SweepResult<ImmutableArray<float>> result)
    {
        ReactionParameters parameters = ReactionParameters.Of(result.Point);
        bool computed = result.Outcome == SweepOutcome.Computed;
        double seconds = computed
            ? result.Duration.TotalSeconds
            : StoredComputeSeconds(dish.SimulateMemo.EntryPath(parameters.Feed, parameters.Kill, parameters.Grid, parameters.Steps, parameters.Seed));
        return new PointResult(parameters, result.Value, computed, seconds);
    }

    /// <summary>How long the run that cached an entry took to compute it, from the entry's metadata (0 if unknown).</summary>
    private static double StoredComputeSeconds(string? metadataPath)
    {
        try
        {
            using FileStream stream = File.OpenRead(metadataPath!);
            using JsonDocument metadata = JsonDocument.Parse(stream);
            return metadata.RootElement.GetProperty("computeSeconds").GetDouble();
        }
        catch (Exception exception) when (exception is IOException or JsonException or KeyNotFoundException or ArgumentNullException or InvalidOperationException)
        {
            return 0;
        }
    }
}
