using System;

namespace MemoGen.Sweeps;

/// <summary>The result of one point of a sweep.</summary>
/// <typeparam name="TResult">The memoized method's result (the awaited value for asynchronous methods).</typeparam>
public sealed class SweepResult<TResult>
{
    internal SweepResult(SweepPoint point, SweepOutcome outcome, TResult? value, Exception? error, TimeSpan duration)
    {
        Point = point;
        Outcome = outcome;
        Value = value;
        Error = error;
        Duration = duration;
    }

    /// <summary>The point: the parameters' values.</summary>
    public SweepPoint Point { get; }

    /// <summary>Whether the point came from the cache, was computed, failed or was not run.</summary>
    public SweepOutcome Outcome { get; }

    /// <summary>The method's result; <see langword="default"/> when the point failed or was not run.</summary>
    public TResult? Value { get; }

    /// <summary>What the computation threw, when <see cref="Outcome"/> is <see cref="SweepOutcome.Failed"/>.</summary>
    public Exception? Error { get; }

    /// <summary>How long the call took (a cache hit is short).</summary>
    public TimeSpan Duration { get; }

    /// <summary>Whether <see cref="Value"/> holds a result.</summary>
    public bool Succeeded => Outcome is SweepOutcome.Cached or SweepOutcome.Computed;

    /// <inheritdoc />
    public override string ToString() => $"{Point}: {Outcome}";
}
