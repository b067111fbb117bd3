using System;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
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

        switch (JoinOrStart(key, asynchronous: true, out MemoCell<TKey, TResult> cell, out MemoFlight<TResult> flight))
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
            if (AnswerMiss(key, cell, flight, cacheTask, out plan, out TResult? loaded))
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

    /// <summary>
    /// The steps of a miss before computing: the local stores, then the shared tier. Returns <see langword="true"/>
    /// when they answered (the flight then has the value); otherwise counts the miss and says how to go on. Rethrows,
    /// after failing the flight, only for a key whose stable hash throws.
    /// </summary>
    private bool AnswerMiss(
        in TKey key, MemoCell<TKey, TResult> cell, MemoFlight<TResult> flight, bool cacheTask, out MissPlan plan, [MaybeNullWhen(false)] out TResult value)
    {
        MemoHash128 hash;
        try
        {
            // Tiers beyond memory address entries by the stable hash: a key whose hashing throws fails the call.
            hash = _disk is null ? default : MemoKeyHash.Of(key);
        }
        catch (Exception exception)
        {
            flight.ReleaseOwnerThread();
            Fail(cell, flight, exception);
            throw;
        }

        IDisposable? claim = null;
        Exception? failedElsewhere = null;
        TResult? found;
        bool answered;
        try
        {
            answered = TryLoad(key, hash, out found) || TryFetchShared(key, hash, out found, out claim, out failedElsewhere);
        }
        catch (Exception exception)
        {
            // The stores report their own failures; this is one they let through (out of memory): compute instead.
            SideEffectFailed("store", exception);
            answered = false;
            found = default;
        }

        if (failedElsewhere is not null)
        {
            FailWithSharedFailure(cell, flight, failedElsewhere);
        }

        // A sweep listening on this thread learns whether the call computed without probing the stores first.
        MemoGen.Sweeps.SweepCallListener.Reported(answered ? MemoGen.Sweeps.SweepCallReport.Loaded : MemoGen.Sweeps.SweepCallReport.Computed);

        if (answered)
        {
            value = found!;
            flight.ReleaseOwnerThread();
            // A result the disk tier gave: kept in memory, or (lazy) only weakly.
            Publish(hash, cell, flight, value, written: null, weakly: _disk!.IsLazy, cacheTask);
            plan = default;
            return true;
        }

        value = default;
        plan = new MissPlan(hash, claim);
        _counters.CountMiss(_function);
        return false;
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
    /// Asks the disk tier, if any, for the result of a memory miss. A result read from disk is remembered for
    /// provenance by the reader (<see cref="MemoProvenance"/>); one recalled from a weak handle is remembered here.
    /// </summary>
    private bool TryLoad(in TKey key, MemoHash128 hash, [MaybeNullWhen(false)] out TResult value)
    {
        if (_disk is null)
        {
            value = default;
            return false;
        }

        LoadOutcome outcome = _disk.TryLoad(hash, out value, out LoadTrace trace);
        if (_disk.IsTracing)
        {
            _disk.Trace(key, outcome, trace);
        }

        switch (outcome)
        {
            case LoadOutcome.Recalled:
                _hits.Increment();
                MemoProvenance.Register(value!, _function, key, hash);
                return true;
            case LoadOutcome.Loaded:
                _counters.CountDiskLoad(_function);
                return true;
            default:
                return false;
        }
    }

    private void CountDiskLoad() => _counters.CountDiskLoad(_function);

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

    /// <summary>
    /// Keeps a result in memory (or, <paramref name="weakly"/>, only a weak handle) and ends the flight with it. If
    /// keeping it fails, the key is not cached, and the waiters get the result all the same.
    /// </summary>
    private void Publish(MemoHash128 hash, MemoCell<TKey, TResult> cell, MemoFlight<TResult> flight, TResult result, WrittenEntry? written, bool weakly, bool cacheTask)
    {
        try
        {
            if (weakly)
            {
                PublishWeakly(hash, cell, flight, result, written);
            }
            else if (!Complete(cell, flight, result, cacheTask) && written is not null)
            {
                _disk!.Undo(written);
            }
        }
        catch (Exception exception)
        {
            try
            {
                Remove(cell);
                SideEffectFailed("memory", exception);
            }
            finally
            {
                // Does nothing if the flight already ended.
                flight.SetResult(result);
            }
        }
    }

    /// <summary>Counts a contained failure of a side effect and logs it as a warning where logging works; never throws.</summary>
    private void SideEffectFailed(string sideEffect, Exception exception)
    {
        MemoMetrics.CountFailure(sideEffect);
        try
        {
            if (_logger?.Logger is { } logger)
            {
                MemoLog.SideEffectFailed(logger, _function.Name, sideEffect, exception.Message);
            }
        }
        catch (Exception)
        {
            // Out of memory again, most likely: the count is kept.
        }
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

    /// <summary>How a miss goes on to compute: the key's stable hash (when a tier beyond memory needs it) and the shared claim held, if any.</summary>
    private readonly record struct MissPlan(MemoHash128 Hash, IDisposable? Claim);
}
