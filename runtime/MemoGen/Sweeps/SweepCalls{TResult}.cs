using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace MemoGen.Sweeps;

/// <summary>
/// How a sweep calls one memoized method at a point: the memoized call, a forced recomputation, whether the point is
/// cached, and its invalidation. Each takes the point's values in the order of the sweep's dimensions. Generated
/// code creates it; a hand-made one lets a sweep drive any function.
/// </summary>
/// <typeparam name="TResult">The method's result (the awaited value for asynchronous methods).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SweepCalls<TResult>
{
    private SweepCalls(
        Func<object?[], CancellationToken, TResult>? call,
        Func<object?[], CancellationToken, TResult>? recompute,
        Func<object?[], CancellationToken, ValueTask<TResult>>? callAsync,
        Func<object?[], CancellationToken, ValueTask<TResult>>? recomputeAsync,
        Func<object?[], bool> isCached,
        Func<object?[], bool> invalidate)
    {
        ArgumentNullException.ThrowIfNull(isCached);
        ArgumentNullException.ThrowIfNull(invalidate);
        Call = call;
        Recompute = recompute;
        CallAsync = callAsync;
        RecomputeAsync = recomputeAsync;
        IsCached = isCached;
        Invalidate = invalidate;
    }

    internal Func<object?[], CancellationToken, TResult>? Call { get; }

    internal Func<object?[], CancellationToken, TResult>? Recompute { get; }

    internal Func<object?[], CancellationToken, ValueTask<TResult>>? CallAsync { get; }

    internal Func<object?[], CancellationToken, ValueTask<TResult>>? RecomputeAsync { get; }

    internal Func<object?[], bool> IsCached { get; }

    internal Func<object?[], bool> Invalidate { get; }

    /// <summary>Whether another process computes the point right now (a shared tier's claim); the sweep then comes back to it later.</summary>
    internal Func<object?[], bool>? IsComputedElsewhere { get; private set; }

    /// <summary>The calls of a synchronous method; a sweep runs them on thread-pool threads.</summary>
    /// <param name="call">The memoized call.</param>
    /// <param name="recompute">The forced recomputation (the handle's <c>Recompute</c>).</param>
    /// <param name="isCached">The handle's <c>IsCached</c>.</param>
    /// <param name="invalidate">The handle's <c>Invalidate</c>.</param>
    public static SweepCalls<TResult> Synchronous(
        Func<object?[], CancellationToken, TResult> call,
        Func<object?[], CancellationToken, TResult> recompute,
        Func<object?[], bool> isCached,
        Func<object?[], bool> invalidate)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(recompute);
        return new(call, recompute, null, null, isCached, invalidate);
    }

    /// <summary>The calls of an asynchronous method.</summary>
    /// <param name="call">The memoized call.</param>
    /// <param name="recompute">The forced recomputation (the handle's <c>RecomputeAsync</c>).</param>
    /// <param name="isCached">The handle's <c>IsCached</c>.</param>
    /// <param name="invalidate">The handle's <c>Invalidate</c>.</param>
    public static SweepCalls<TResult> Asynchronous(
        Func<object?[], CancellationToken, ValueTask<TResult>> call,
        Func<object?[], CancellationToken, ValueTask<TResult>> recompute,
        Func<object?[], bool> isCached,
        Func<object?[], bool> invalidate)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(recompute);
        return new(null, null, call, recompute, isCached, invalidate);
    }

    /// <summary>Adds the probe of <see cref="IsComputedElsewhere"/> (none: the points are not shared); returns these calls.</summary>
    internal SweepCalls<TResult> ProbingElsewhere(Func<object?[], bool>? isComputedElsewhere)
    {
        IsComputedElsewhere = isComputedElsewhere;
        return this;
    }

    /// <summary>Runs the point: the memoized call, or the forced recomputation.</summary>
    internal ValueTask<TResult> RunAsync(object?[] values, bool force, CancellationToken cancellationToken)
    {
        if (CallAsync is not null)
        {
            return (force ? RecomputeAsync! : CallAsync)(values, cancellationToken);
        }

        return new ValueTask<TResult>((force ? Recompute! : Call!)(values, cancellationToken));
    }
}
