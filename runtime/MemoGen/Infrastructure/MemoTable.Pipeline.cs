using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Diagnostics;
using MemoGen.Disk;
using MemoGen.Hashing;

namespace MemoGen.Infrastructure;

/// <summary>
/// The miss pipeline, shared by the synchronous and asynchronous lookups: load (memory's weak handles, the disk store,
/// the shared tier), compute, save, publish to the table and the waiters.
/// </summary>
public sealed partial class MemoTable<TKey, TResult>
{
    /// <summary>The asynchronous lookup after <see cref="TryGetValue"/> missed.</summary>
    private ValueTask<TResult> ComputeOnMissAsync<TState>(
        TKey key,
        TState state,
        Func<TState, CancellationToken, ValueTask<TResult>> compute,
        bool cacheTask,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TResult>(cancellationToken);
        }

        JoinOutcome joined;
        MemoCell<TKey, TResult> cell;
        MemoFlight<TResult> flight;
        MemoHash128 hash;
        try
        {
            joined = JoinOrStart(key, asynchronous: true, out cell, out flight, out hash);
        }
        catch (Exception exception)
        {
            // Only a key whose stable hash throws: its flight is failed already.
            return ValueTask.FromException<TResult>(exception);
        }

        switch (joined)
        {
            case JoinOutcome.Completed:
                return new ValueTask<TResult>(cell.Value);
            case JoinOutcome.Joined:
                return WaitAsync(cell, flight, cancellationToken);
            case JoinOutcome.Reentrant:
                return ValueTask.FromException<TResult>(ReentrantCall());
        }

        MissPlan plan;
        try
        {
            if (AnswerMiss(cell, flight, hash, cacheTask, out plan, out TResult? loaded))
            {
                return new ValueTask<TResult>(loaded);
            }
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<TResult>(exception);
        }

        Start(key, plan, cell, flight, state, compute, cacheTask);
        return cell.IsCompleted
            ? new ValueTask<TResult>(cell.Value)
            : WaitAsync(cell, flight, cancellationToken);
    }

    private void Start<TState>(
        TKey key,
        MissPlan plan,
        MemoCell<TKey, TResult> cell,
        MemoFlight<TResult> flight,
        TState state,
        Func<TState, CancellationToken, ValueTask<TResult>> compute,
        bool cacheTask)
    {
        ValueTask<TResult> computation;
        long startedAt = Stopwatch.GetTimestamp();
        try
        {
            using (MemoComputationScope.Enter(flight))
            {
                computation = compute(state, flight.CancellationToken);
            }
        }
        catch (Exception exception)
        {
            FailComputed(plan, cell, flight, exception);
            return;
        }

        if (computation.IsCompletedSuccessfully)
        {
            PublishComputed(key, plan, cell, flight, computation.Result, startedAt, cacheTask);
            return;
        }

        _ = CompleteWhenDoneAsync(key, plan, cell, flight, computation, startedAt, cacheTask);
    }

    private async Task CompleteWhenDoneAsync(
        TKey key,
        MissPlan plan,
        MemoCell<TKey, TResult> cell,
        MemoFlight<TResult> flight,
        ValueTask<TResult> computation,
        long startedAt,
        bool cacheTask)
    {
        TResult result;
        try
        {
            result = await computation.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            FailComputed(plan, cell, flight, exception);
            return;
        }

        PublishComputed(key, plan, cell, flight, result, startedAt, cacheTask);
    }

    private async ValueTask<TResult> RecomputeCoreAsync<TState>(
        TKey key,
        TState state,
        Func<TState, CancellationToken, ValueTask<TResult>> compute,
        CancellationToken cancellationToken)
    {
        long startedAt = Stopwatch.GetTimestamp();
        TResult result = await compute(state, cancellationToken).ConfigureAwait(false);
        StoreRecomputed(key, result, startedAt);
        return result;
    }

    /// <summary>
    /// Publishes a computed result: traced, written to the disk tier (unless the entry was invalidated meanwhile) and
    /// published to the shared tier, then kept in memory (or, lazy and written, only weakly) and handed to the
    /// waiters. The shared claim is released last.
    /// </summary>
    /// <remarks>Never throws: every step after the computation is a side effect, and the flight ends on every path.</remarks>
    private void PublishComputed(TKey key, MissPlan plan, MemoCell<TKey, TResult> cell, MemoFlight<TResult> flight, TResult result, long startedAt, bool cacheTask)
    {
        WrittenEntry? written = null;
        try
        {
            MemoProvenance.Register(result, _function, key, plan.Hash);
            TimeSpan elapsed = TraceComputed(key, startedAt);
            written = _disk is not null && !cell.IsRemoved ? _disk.Save(key, plan.Hash, result, elapsed) : null;
            PublishShared(plan.Hash, written);
        }
        catch (Exception exception)
        {
            SideEffectFailed("store", exception);
        }

        ReleaseClaim(plan.Claim);
        Publish(plan.Hash, cell, flight, result, written, weakly: written is not null && _disk!.IsLazy, cacheTask);
    }

    /// <summary>Hands a failed computation's exception to the shared tier and releases its claim, then fails its flight.</summary>
    private void FailComputed(MissPlan plan, MemoCell<TKey, TResult> cell, MemoFlight<TResult> flight, Exception exception)
    {
        FailShared(plan.Hash, plan.Claim, exception);
        ReleaseClaim(plan.Claim);
        Fail(cell, flight, exception);
    }

    /// <summary>Stores a recomputed result: on disk, then in memory (or, lazy and written, only weakly).</summary>
    /// <remarks>Never throws: if the result cannot be kept, the key is not cached.</remarks>
    private void StoreRecomputed(TKey key, TResult result, long startedAt)
    {
        WrittenEntry? written = null;
        MemoHash128 hash = default;
        try
        {
            hash = _disk is null ? default : MemoKeyHash.Of(key);
            MemoProvenance.Register(result, _function, key, hash);
            TimeSpan elapsed = TraceComputed(key, startedAt);
            written = _disk?.Save(key, hash, result, elapsed);
        }
        catch (Exception exception)
        {
            SideEffectFailed("store", exception);
        }

        try
        {
            if (written is not null && _disk!.IsLazy)
            {
                StoreRecomputedWeakly(key, hash, result);
            }
            else
            {
                Store(key, result);
            }
        }
        catch (Exception exception)
        {
            try
            {
                Forget(key, hash);
            }
            finally
            {
                SideEffectFailed("memory", exception);
            }
        }
    }

    private TimeSpan TraceComputed(in TKey key, long startedAt)
    {
        TimeSpan elapsed = Stopwatch.GetElapsedTime(startedAt);
        MemoMetrics.Record(MemoMetrics.ComputeDuration, elapsed.TotalSeconds, _function);
        if (_logger is { } logger && logger.IsDebugEnabled)
        {
            MemoLog.Computed(logger, _function.Name, CallDescriber.Describe(_function, key), elapsed.TotalMilliseconds);
        }

        return elapsed;
    }

    // The base's hooks into what needs the key. Every cell the base passes is one of this table's: the casts are safe.

    private protected override void TraceLoad(MemoCell<TResult> cell, LoadOutcome outcome, in LoadTrace trace) =>
        _disk!.Trace(Unsafe.As<MemoCell<TKey, TResult>>(cell).Key, outcome, trace);

    private protected override bool FetchShared(
        MemoCell<TResult> cell, MemoHash128 hash, out TResult value, out IDisposable? claim, out Exception? failedElsewhere) =>
        TryFetchShared(Unsafe.As<MemoCell<TKey, TResult>>(cell).Key, hash, out value, out claim, out failedElsewhere);

    private protected override void FailWithShared(MemoCell<TResult> cell, MemoFlight<TResult> flight, Exception failedElsewhere) =>
        FailWithSharedFailure(Unsafe.As<MemoCell<TKey, TResult>>(cell), flight, failedElsewhere);
}
