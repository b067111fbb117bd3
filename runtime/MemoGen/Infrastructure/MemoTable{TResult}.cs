using System;
using System.ComponentModel;
using System.Threading;
using MemoGen.Diagnostics;
using MemoGen.Disk;

namespace MemoGen.Infrastructure;

/// <summary>
/// The part of a <see cref="MemoTable{TKey, TResult}"/> that does not depend on its key: its settings, counters and
/// tiers, and the miss path over the cell base, the key's stable hash and the result (single flight, the load, the
/// publication into the cell, the counts and limits). Compiled once per result type, and for a reference-type result
/// precompiled, so that another function's first call compiles only the typed shell that needs its key.
/// </summary>
/// <typeparam name="TResult">The cached value (the awaited value for asynchronous methods).</typeparam>
/// <remarks>
/// Holds the table's fields that come before the cell map in the single class it was, in the same order, so that the
/// runtime lays the table out as before and the hit path's code reads the same offsets.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract partial class MemoTable<TResult> : IMemoTable
{
    private protected readonly MemoFunction _function;
    private protected readonly bool _isBounded;
    private protected readonly long _maxEntries;
    private protected readonly long _maxBytes;
    private protected readonly Lock? _evictionLock;
    private protected readonly DiskTier? _disk;
    private protected readonly MemoLogger? _logger;

    // Written on every insert: kept off the cache lines that the hit path reads.
    private protected readonly MemoTableCounters _counters = new();

    private readonly int _keySize;

    private protected MemoTable(MemoFunction function, MemoryLimits limits, DiskTier? disk, MemoLogger? logger, int keySize)
    {
        _function = function;
        _disk = disk;
        _logger = logger;
        _keySize = keySize;
        _isBounded = limits.MaxEntries is not null || limits.MaxBytes is not null;
        _maxEntries = Math.Max(0, limits.MaxEntries ?? long.MaxValue);
        _maxBytes = Math.Max(0, limits.MaxBytes ?? long.MaxValue);
        _evictionLock = _isBounded ? new Lock() : null;
    }

    /// <summary>The counters of this table.</summary>
    public MemoFunctionStatistics Statistics => new(
        _function.Name,
        Volatile.Read(ref _counters.Entries),
        Volatile.Read(ref _counters.EstimatedBytes),
        _counters.Hits.Sum(),
        Volatile.Read(ref _counters.Misses),
        Volatile.Read(ref _counters.Evictions),
        Volatile.Read(ref _counters.DiskLoads));

    MemoFunction IMemoTable.Function => _function;

    MemoHitCounter IMemoTable.Hits => _counters.Hits;

    /// <summary>
    /// Removes every cached result, from memory and from the disk store (the function's entries written by any
    /// process). Computations still running are detached: their waiters get their result, which is not stored.
    /// </summary>
    /// <returns>How many completed results were removed: from disk, or from memory if that is more.</returns>
    public abstract long Clear();

    /// <summary>Removes <paramref name="cell"/> itself (not a newer cell of its key) from the cell map; returns whether it was there.</summary>
    private protected abstract bool RemoveFromMap(MemoCell<TResult> cell);

    /// <summary>Evicts the least recently used results down to 90 % of the limits (under the eviction lock, once over them).</summary>
    private protected abstract void EvictOldest();

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
        cell.Complete(result, EstimateEntry(result), NextClock(), cacheTask ? System.Threading.Tasks.Task.FromResult(result) : null);

        // Counted and evicted before the waiters wake, so that a caller sees its own result in the statistics.
        bool stored = cell.TryMarkStored();
        if (stored)
        {
            Count(cell);
            EvictIfOverLimits();
        }

        flight.SetResult(result);
        return stored;
    }

    /// <summary>Removes this very cell (not a newer one under the same key); returns whether a counted result was removed.</summary>
    private protected bool Remove(MemoCell<TResult> cell) => RemoveFromMap(cell) && Discount(cell);

    private protected void Count(MemoCell<TResult> cell)
    {
        Interlocked.Increment(ref _counters.Entries);
        Interlocked.Add(ref _counters.EstimatedBytes, cell.EstimatedBytes);
    }

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

    /// <summary>Inserts advance the clock by two, leaving the odd value between them to the reads that follow.</summary>
    private protected long NextClock() => _isBounded ? Interlocked.Add(ref _counters.Clock, 2) : MemoCell<TResult>.UntrackedUse;

    private protected long EstimateEntry(TResult result)
    {
        try
        {
            return MemoSizeEstimator.EstimateEntry(_keySize, result);
        }
        catch (Exception)
        {
            // A collection whose Count throws must not lose a computed result, nor leave its waiters hanging.
            return MemoSizeEstimator.EntryOverhead + MemoSizeEstimator.NominalSize;
        }
    }

    private protected bool IsOverLimits() =>
        Volatile.Read(ref _counters.Entries) > _maxEntries || Volatile.Read(ref _counters.EstimatedBytes) > _maxBytes;

    /// <summary>
    /// Evicts least recently used results until the table is 10% under each exceeded bound, so that the scan and sort
    /// happen once per tenth of the bound's inserts rather than on every insert.
    /// </summary>
    private protected void EvictIfOverLimits()
    {
        if (_isBounded && IsOverLimits())
        {
            EvictOldest();
        }
    }

    /// <summary>Counts a contained failure of a side effect and logs it as a warning where logging works; never throws.</summary>
    private protected void SideEffectFailed(string sideEffect, Exception exception)
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

    private protected void CountDiskLoad() => _counters.CountDiskLoad(_function);
}
