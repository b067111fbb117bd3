using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Sweeps;

namespace MemoGen.Infrastructure;

/// <summary>
/// The plumbing of a generated handle's <c>Sweep</c> methods: each is one call here with one static lambda that makes
/// a point's key and the implementation's state from its values; the call, the forced recomputation, the probe and the
/// invalidation go through the method's table, as the method and its handle do.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MemoSweeps
{
    /// <summary>The dimensions of <paramref name="space"/> bound to a function's swept parameters (see <see cref="ParameterSpace.Bind"/>).</summary>
    /// <param name="space">The parameter space read from data.</param>
    /// <param name="function">The function's cache name.</param>
    /// <param name="parameters">The function's swept parameters, in the order of its key.</param>
    public static SweepDimension[] Bind(ParameterSpace space, string function, params SweepParameter[] parameters)
    {
        ArgumentNullException.ThrowIfNull(space);
        return space.Bind(function, parameters);
    }

    /// <summary>A sweep of a synchronous memoized method.</summary>
    /// <param name="function">The function's cache name.</param>
    /// <param name="dimensions">One dimension per key parameter, in the order <paramref name="point"/> reads the values.</param>
    /// <param name="target">What the method runs on (its owner, its context, or both), handed to <paramref name="point"/>.</param>
    /// <param name="table">The method's table in the handle's context.</param>
    /// <param name="run">Calls the implementation with a state, as on the method's miss path.</param>
    /// <param name="point">Makes the key and the state of a point from its values and the run's token.</param>
    public static Sweep<TResult> Synchronous<TTarget, TKey, TResult, TState>(
        string function,
        SweepDimension[] dimensions,
        TTarget target,
        MemoTable<TKey, TResult> table,
        Func<TState, TResult> run,
        Func<TTarget, object?[], CancellationToken, (TKey Key, TState State)> point)
        where TKey : struct, IMemoKey<TKey>
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(point);
        return new(function, dimensions, SweepCalls<TResult>.Synchronous(
            (values, token) =>
            {
                var (key, state) = point(target, values, token);
                return table.TryGetValue(key, out TResult? cached) ? cached : table.GetOrCompute(key, state, run);
            },
            (values, token) =>
            {
                var (key, state) = point(target, values, token);
                return table.Recompute(key, state, run);
            },
            values => table.Contains(point(target, values, CancellationToken.None).Key),
            values => table.Invalidate(point(target, values, CancellationToken.None).Key)).ProbingElsewhere(
            table.HasSharedTier ? values => table.IsComputedElsewhere(point(target, values, CancellationToken.None).Key) : null));
    }

    /// <summary>A sweep of an asynchronous memoized method.</summary>
    /// <param name="function">The function's cache name.</param>
    /// <param name="dimensions">One dimension per key parameter, in the order <paramref name="point"/> reads the values.</param>
    /// <param name="target">What the method runs on (its owner, its context, or both), handed to <paramref name="point"/>.</param>
    /// <param name="table">The method's table in the handle's context.</param>
    /// <param name="run">Calls the implementation with a state and the computation's token, as on the method's miss path.</param>
    /// <param name="point">Makes the key and the state of a point from its values and the run's token.</param>
    public static Sweep<TResult> Asynchronous<TTarget, TKey, TResult, TState>(
        string function,
        SweepDimension[] dimensions,
        TTarget target,
        MemoTable<TKey, TResult> table,
        Func<TState, CancellationToken, ValueTask<TResult>> run,
        Func<TTarget, object?[], CancellationToken, (TKey Key, TState State)> point)
        where TKey : struct, IMemoKey<TKey>
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(point);
        return new(function, dimensions, SweepCalls<TResult>.Asynchronous(
            (values, token) =>
            {
                var (key, state) = point(target, values, token);
                return table.GetOrComputeAsync(key, state, run, token);
            },
            (values, token) =>
            {
                var (key, state) = point(target, values, token);
                return table.RecomputeAsync(key, state, run, token);
            },
            values => table.Contains(point(target, values, CancellationToken.None).Key),
            values => table.Invalidate(point(target, values, CancellationToken.None).Key)).ProbingElsewhere(
            table.HasSharedTier ? values => table.IsComputedElsewhere(point(target, values, CancellationToken.None).Key) : null));
    }
}
