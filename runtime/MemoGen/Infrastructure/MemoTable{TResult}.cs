using System;
using System.ComponentModel;
using System.Threading;
using MemoGen.Diagnostics;
using MemoGen.Disk;

namespace MemoGen.Infrastructure;

/// <summary>
/// The part of a <see cref="MemoTable{TKey, TResult}"/> that needs its result type but not its key: the miss path over
/// the cell base, the key's stable hash and the result (single flight, the load, the publication into the cell).
/// Compiled once per result type, and for a reference-type result precompiled. It declares no fields: they are in
/// <see cref="MemoTableCore"/>, with what needs neither type.
/// </summary>
/// <typeparam name="TResult">The cached value (the awaited value for asynchronous methods).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract partial class MemoTable<TResult> : MemoTableCore
{
    private protected MemoTable(MemoFunction function, MemoryLimits limits, DiskTier? disk, MemoLogger? logger, int keySize)
        : base(function, limits, disk, logger, keySize)
    {
    }

    /// <summary>Removes <paramref name="cell"/> itself (not a newer cell of its key) from the cell map; returns whether it was there.</summary>
    private protected abstract bool RemoveFromMap(MemoCell<TResult> cell);

    /// <summary>Logs a load's outcome for the call of <paramref name="cell"/> (only when the disk tier traces).</summary>
    private protected abstract void TraceLoad(MemoCell<TResult> cell, LoadOutcome outcome, in LoadTrace trace);

    /// <summary>The shared tier's steps before computing the call of <paramref name="cell"/> (only when there is a shared tier).</summary>
    private protected abstract bool FetchShared(
        MemoCell<TResult> cell, MemoHash128 hash, out TResult value, out IDisposable? claim, out Exception? failedElsewhere);

    /// <summary>Fails the call of <paramref name="cell"/> with the exception of a computation in another process, and throws it.</summary>
    private protected abstract void FailWithShared(MemoCell<TResult> cell, MemoFlight<TResult> flight, Exception failedElsewhere);

    /// <summary>Records a read for least-recently-used eviction.</summary>
    private protected void TouchForEviction(MemoCell<TResult> cell) =>
        // One past the latest insert: a read ranks newer than every entry inserted before it.
        cell.Touch(Volatile.Read(ref _counters.Clock) + 1);

    /// <summary>
    /// Publishes a result: to the table (unless the entry was removed meanwhile), then to the waiters. Returns whether
    /// the table kept it.
    /// </summary>
    private bool Complete(MemoCell<TResult> cell, MemoFlight<TResult> flight, TResult result, bool cacheTask)
    {
        long estimatedBytes = EstimateEntry(result);
        cell.Complete(result, estimatedBytes, NextClock(), cacheTask ? System.Threading.Tasks.Task.FromResult(result) : null);

        // Counted and evicted before the waiters wake, so that a caller sees its own result in the statistics.
        bool stored = cell.TryMarkStored();
        if (stored)
        {
            Count(estimatedBytes);
            EvictIfOverLimits();
        }

        flight.SetResult(result);
        return stored;
    }

    /// <summary>Removes this very cell (not a newer one under the same key); returns whether a counted result was removed.</summary>
    private protected bool Remove(MemoCell<TResult> cell) => RemoveFromMap(cell) && Discount(cell);

    /// <summary>Called once by whoever removed <paramref name="cell"/> from the dictionary.</summary>
    private protected bool Discount(MemoCell<TResult> cell)
    {
        if (!cell.MarkRemoved())
        {
            return false;
        }

        Interlocked.Decrement(ref _counters.Entries);
        Interlocked.Add(ref _counters.EstimatedBytes, -cell.EstimatedBytes);
        return true;
    }

    private protected long EstimateEntry(TResult result)
    {
        try
        {
            // Not through MemoSizeEstimator.EstimateEntry: one method less to compile per value-type result.
            return MemoSizeEstimator.Entry(_keySize, MemoSizeEstimator.Estimate(result));
        }
        catch (Exception)
        {
            // A collection whose Count throws must not lose a computed result, nor leave its waiters hanging.
            return MemoSizeEstimator.EntryOverhead + MemoSizeEstimator.NominalSize;
        }
    }
}
