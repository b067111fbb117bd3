using System;

namespace MemoGen.Sweeps;

/// <summary>How far a sweep has come; reported after every point.</summary>
/// <param name="Total">How many points the sweep has.</param>
/// <param name="Done">How many points are finished: <see cref="Cached"/> + <see cref="Computed"/> + <see cref="Failed"/>.</param>
/// <param name="Cached">Points answered from the cache (memory or disk).</param>
/// <param name="Computed">Points computed in this run.</param>
/// <param name="Failed">Points whose computation threw.</param>
/// <param name="Elapsed">Time since the sweep started.</param>
/// <param name="EstimatedRemaining">
/// The time left if the remaining points go at the average pace so far; <see langword="null"/> before the first point.
/// </param>
public sealed record SweepProgress(
    long Total,
    long Done,
    long Cached,
    long Computed,
    long Failed,
    TimeSpan Elapsed,
    TimeSpan? EstimatedRemaining);
