using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Sweeps;

namespace MemoGen.Infrastructure;

/// <summary>
/// The plumbing of a generated handle's <c>Sweep</c> methods: each is one call here, with static lambdas that get the
/// handle as their first argument, so that the generated code neither captures a struct nor repeats the set-up.
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
    /// <param name="dimensions">One dimension per key parameter, in the order the calls read the values.</param>
    /// <param name="handle">The method's handle, handed to each call.</param>
    /// <param name="call">The memoized call.</param>
    /// <param name="recompute">The handle's <c>Recompute</c>.</param>
    /// <param name="isCached">The handle's <c>IsCached</c>.</param>
    /// <param name="invalidate">The handle's <c>Invalidate</c>.</param>
    public static Sweep<TResult> Synchronous<THandle, TResult>(
        string function,
        SweepDimension[] dimensions,
        THandle handle,
        Func<THandle, object?[], CancellationToken, TResult> call,
        Func<THandle, object?[], CancellationToken, TResult> recompute,
        Func<THandle, object?[], bool> isCached,
        Func<THandle, object?[], bool> invalidate) =>
        new(function, dimensions, SweepCalls<TResult>.Synchronous(
            (values, token) => call(handle, values, token),
            (values, token) => recompute(handle, values, token),
            values => isCached(handle, values),
            values => invalidate(handle, values)));

    /// <summary>A sweep of an asynchronous memoized method.</summary>
    /// <param name="function">The function's cache name.</param>
    /// <param name="dimensions">One dimension per key parameter, in the order the calls read the values.</param>
    /// <param name="handle">The method's handle, handed to each call.</param>
    /// <param name="call">The memoized call.</param>
    /// <param name="recompute">The handle's <c>RecomputeAsync</c>.</param>
    /// <param name="isCached">The handle's <c>IsCached</c>.</param>
    /// <param name="invalidate">The handle's <c>Invalidate</c>.</param>
    public static Sweep<TResult> Asynchronous<THandle, TResult>(
        string function,
        SweepDimension[] dimensions,
        THandle handle,
        Func<THandle, object?[], CancellationToken, ValueTask<TResult>> call,
        Func<THandle, object?[], CancellationToken, ValueTask<TResult>> recompute,
        Func<THandle, object?[], bool> isCached,
        Func<THandle, object?[], bool> invalidate) =>
        new(function, dimensions, SweepCalls<TResult>.Asynchronous(
            (values, token) => call(handle, values, token),
            (values, token) => recompute(handle, values, token),
            values => isCached(handle, values),
            values => invalidate(handle, values)));
}
