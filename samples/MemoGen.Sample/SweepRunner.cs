using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MemoGen.Sample;

/// <summary>What a sweep run did: the finished points (null where a point did not finish), failures, and whether it was cancelled.</summary>
/// <param name="Results">One slot per point, in the points' order.</param>
/// <param name="Failures">The points that threw, with their exceptions.</param>
/// <param name="Cancelled">Whether the run was stopped before every point finished.</param>
public sealed record SweepOutcome(PointResult?[] Results, IReadOnlyList<(ReactionParameters Point, Exception Error)> Failures, bool Cancelled);

/// <summary>
/// Runs the memoized simulation over every point, on up to <paramref name="workers"/> threads: a point already in the
/// cache is loaded, the others are computed (and stored as they finish, so an interrupted run resumes where it stopped).
/// </summary>
public sealed class SweepRunner(Dish dish, int workers, bool force)
{
    /// <summary>Runs every point; <paramref name="finished"/> is called from the workers as each point ends.</summary>
    public SweepOutcome Run(IReadOnlyList<ReactionParameters> points, Action<PointResult> finished, CancellationToken cancellationToken)
    {
        var results = new PointResult?[points.Count];
        var failures = new ConcurrentQueue<(ReactionParameters, Exception)>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, points.Count, options, i =>
            {
                try
                {
                    results[i] = RunPoint(points[i], cancellationToken);
                    finished(results[i]!);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Abandoned mid-way: nothing was stored, the next run computes it.
                }
                catch (Exception exception)
                {
                    failures.Enqueue((points[i], exception));
                }
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return new SweepOutcome(results, [.. failures], cancellationToken.IsCancellationRequested);
    }

    private PointResult RunPoint(ReactionParameters point, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        int runsBefore = dish.Runs(point);
        ImmutableArray<float> field = force ? dish.SimulateMemo.Recompute(point, cancellationToken) : dish.Simulate(point, cancellationToken);
        bool computed = dish.Runs(point) > runsBefore;
        double seconds = computed ? stopwatch.Elapsed.TotalSeconds : StoredComputeSeconds(dish.SimulateMemo.EntryPath(point));
        return new PointResult(point, field, computed, seconds);
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
