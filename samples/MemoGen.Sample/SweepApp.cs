using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
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
    public int Run()
    {
        double[] feeds = Range(0.010, 0.070, size), kills = Range(0.045, 0.069, size);
        List<ReactionParameters> points = [.. from feed in feeds from kill in kills select new ReactionParameters(feed, kill, Grid, Steps, Seed: 7)];
        var dish = new Dish(new MemoOptions { CacheDirectory = cacheDirectory });

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 240;  // one line per message in a log, not 80-column fragments
        }

        AnsiConsole.MarkupLine($"Gray–Scott sweep: [bold]{points.Count}[/] runs ({size} feed × {size} kill rates, {Grid}×{Grid} cells, {Steps} steps), "
            + $"{workers} worker(s), cache [blue]{Markup.Escape(Path.GetFullPath(cacheDirectory))}[/]{(force ? ", recomputing every point" : "")}");
        var stopwatch = Stopwatch.StartNew();
        SweepOutcome outcome;
        try
        {
            outcome = RunWithProgress(dish, points, cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        stopwatch.Stop();
        return Report(dish, points, outcome, stopwatch.Elapsed.TotalSeconds, feeds, kills);
    }

    private SweepOutcome RunWithProgress(Dish dish, List<ReactionParameters> points, CancellationToken cancellationToken)
    {
        var runner = new SweepRunner(dish, workers, force);
        int computed = 0, cached = 0;
        SweepOutcome? outcome = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask("starting", maxValue: points.Count);
                var gate = new Lock();
                outcome = runner.Run(points, result =>
                {
                    lock (gate)
                    {
                        _ = result.Computed ? computed++ : cached++;
                        task.Description = $"[green]{computed} computed[/] · [blue]{cached} from cache[/]";
                        task.Increment(1);
                    }
                }, cancellationToken);
            });
        return outcome!;
    }

    private int Report(Dish dish, List<ReactionParameters> points, SweepOutcome outcome, double seconds, double[] feeds, double[] kills)
    {
        List<PointResult> done = [.. outcome.Results.OfType<PointResult>()];
        int computed = done.Count(r => r.Computed), cached = done.Count - computed;
        double savedSeconds = done.Where(r => !r.Computed).Sum(r => r.ComputeSeconds);
        foreach ((ReactionParameters point, Exception error) in outcome.Failures)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(point.Label)} failed:[/] {Markup.Escape(error.Message)}");
        }

        if (outcome.Cancelled)
        {
            AnsiConsole.MarkupLine($"[yellow]Stopped[/] after {seconds:0.0} s: {done.Count} of {points.Count} points done ({computed} computed, {cached} from the cache), "
                + $"all of them stored. Run again to compute only the remaining {points.Count - done.Count}.");
            return 2;
        }

        AnsiConsole.MarkupLine($"Computed {computed} points and loaded {cached} from the cache in {seconds:0.0} s.");
        if (cached == points.Count)
        {
            AnsiConsole.MarkupLine($"[green]Every point ({cached} of {points.Count}) came from the cache[/]: {seconds:0.0} s instead of the {savedSeconds:0.0} s "
                + $"of computing it took, {savedSeconds - seconds:0.0} s saved.");
        }
        else if (cached > 0)
        {
            AnsiConsole.MarkupLine($"The cache saved {savedSeconds:0.0} s of computing.");
        }

        if (done.Count > 0)
        {
            Directory.CreateDirectory(outputDirectory);
            string picture = Path.Combine(outputDirectory, "gray-scott.png"), table = Path.Combine(outputDirectory, "gray-scott.csv");
            SweepPicture.Write(picture, done, feeds, kills);
            SweepTable.Write(table, done);
            AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(picture)}[/] and [blue]{Markup.Escape(table)}[/].");
        }

        bool exactlyOnce = done.Count == points.Count && outcome.Failures.Count == 0 && points.All(p => dish.Runs(p) <= 1);
        return exactlyOnce ? 0 : 1;
    }

    /// <summary><paramref name="count"/> evenly spaced values from <paramref name="first"/> to <paramref name="last"/>, rounded so they are exact keys.</summary>
    private static double[] Range(double first, double last, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Math.Round(first + ((last - first) * i / (count - 1)), 6))];
}
