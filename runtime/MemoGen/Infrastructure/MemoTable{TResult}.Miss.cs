using System;
using System.Diagnostics.CodeAnalysis;
using MemoGen.Disk;
using MemoGen.Hashing;

namespace MemoGen.Infrastructure;

/// <summary>
/// The steps of a miss that need no key: the loads (memory's weak handles, the disk store, the shared tier) by the key's
/// stable hash, and the publication of a result into its cell, its table and its waiters.
/// </summary>
public abstract partial class MemoTable<TResult>
{
    /// <summary>
    /// The steps of a miss before computing: the local stores, then the shared tier. Returns <see langword="true"/>
    /// when they answered (the flight then has the value); otherwise counts the miss and says how to go on.
    /// </summary>
    /// <param name="cell">The cell the caller added.</param>
    /// <param name="flight">Its flight, which the caller runs.</param>
    /// <param name="hash">The key's stable hash; <c>default</c> without a tier beyond memory.</param>
    /// <param name="cacheTask">Whether the cell keeps a completed task (for methods that return <c>Task</c>).</param>
    /// <param name="plan">How the miss goes on to compute.</param>
    /// <param name="value">The loaded result.</param>
    private protected bool AnswerMiss(
        MemoCell<TResult> cell, MemoFlight<TResult> flight, MemoHash128 hash, bool cacheTask, out MissPlan plan, [MaybeNullWhen(false)] out TResult value)
    {
        IDisposable? claim = null;
        Exception? failedElsewhere = null;
        TResult? found;
        bool answered;
        try
        {
            answered = TryLoad(cell, hash, out found)
                || (_disk?.Shared is not null && FetchShared(cell, hash, out found, out claim, out failedElsewhere));
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
            FailWithShared(cell, flight, failedElsewhere);
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

    /// <summary>
    /// Asks the disk tier, if any, for the result of a memory miss. A result read from disk is remembered for
    /// provenance by the reader (<see cref="MemoProvenance"/>); one recalled from a weak handle is remembered here.
    /// </summary>
    private bool TryLoad(MemoCell<TResult> cell, MemoHash128 hash, [MaybeNullWhen(false)] out TResult value)
    {
        if (_disk is null)
        {
            value = default;
            return false;
        }

        LoadOutcome outcome = _disk.TryLoad(hash, out value, out LoadTrace trace);
        if (_disk.IsTracing)
        {
            TraceLoad(cell, outcome, trace);
        }

        switch (outcome)
        {
            case LoadOutcome.Recalled:
                _counters.Hits.Increment();
                MemoProvenance.Register(value!, _function, hash);
                return true;
            case LoadOutcome.Loaded:
                _counters.CountDiskLoad(_function);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Keeps a result in memory (or, <paramref name="weakly"/>, only a weak handle) and ends the flight with it. If
    /// keeping it fails, the key is not cached, and the waiters get the result all the same.
    /// </summary>
    private protected void Publish(MemoHash128 hash, MemoCell<TResult> cell, MemoFlight<TResult> flight, TResult result, WrittenEntry? written, bool weakly, bool cacheTask)
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

    /// <summary>Keeps only a weak handle on a lazy result, removes its cell, and hands the result to the waiters.</summary>
    private void PublishWeakly(MemoHash128 hash, MemoCell<TResult> cell, MemoFlight<TResult> flight, TResult result, WrittenEntry? written)
    {
        // The handle goes in first, so that a lookup arriving once the cell is gone finds it.
        _disk!.HoldWeakly(hash, result);
        if (RemoveFromMap(cell))
        {
            cell.MarkRemoved();
        }
        else
        {
            // Invalidated while it was computed or written.
            _disk.ForgetWeakly(hash);
            if (written is not null)
            {
                _disk.Undo(written);
            }
        }

        flight.SetResult(result);
    }

    /// <summary>How a miss goes on to compute: the key's stable hash (when a tier beyond memory needs it) and the shared claim held, if any.</summary>
    private protected readonly record struct MissPlan(MemoHash128 Hash, IDisposable? Claim);
}
