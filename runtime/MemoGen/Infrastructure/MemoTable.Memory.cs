using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace MemoGen.Infrastructure;

/// <summary>
/// The memory tier: the cell map's completed results, their counts and estimated sizes, and least-recently-used
/// eviction when the table is bounded.
/// </summary>
public sealed partial class MemoTable<TKey, TResult>
{
    /// <summary>Counts a hit once the lookup found it (<see cref="TryGetValue"/> counts before its lookup instead; see <see cref="MemoHitCounter"/>).</summary>
    private void RecordHit(MemoCell<TKey, TResult> cell)
    {
        _hits.Increment();
        TouchOnHit(cell);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void TouchOnHit(MemoCell<TKey, TResult> cell)
    {
        if (!cell.IsPlainHit)
        {
            TouchForEviction(cell);
        }
    }

    private void TouchForEviction(MemoCell<TKey, TResult> cell) =>
        // One past the latest insert: a read ranks newer than every entry inserted before it.
        cell.Touch(Volatile.Read(ref _counters.Clock) + 1);

    /// <summary>
    /// Publishes a result: to the table (unless the entry was removed meanwhile), then to the waiters. Returns whether
    /// the table kept it.
    /// </summary>
    private bool Complete(MemoCell<TKey, TResult> cell, MemoFlight<TResult> flight, TResult result, bool cacheTask)
    {
        cell.Complete(result, EstimateEntry(result), NextClock(), cacheTask ? Task.FromResult(result) : null);

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

    /// <summary>Stores a completed result in place of whatever the key holds.</summary>
    private void Store(TKey key, TResult result)
    {
        var cell = new MemoCell<TKey, TResult>(key, result, EstimateEntry(result), NextClock());
        if (_entries.Replace(cell) is { } previous)
        {
            Discount(previous);
        }

        if (cell.TryMarkStored())
        {
            Count(cell);
            EvictIfOverLimits();
        }
    }

    /// <summary>Removes whatever memory holds for <paramref name="key"/>, and its weak handle (by its stable <paramref name="hash"/>).</summary>
    private void Forget(in TKey key, MemoHash128 hash)
    {
        if (_entries.Remove(key) is { } cell)
        {
            Discount(cell);
        }

        _disk?.ForgetWeakly(hash);
    }

    /// <summary>Removes this very cell (not a newer one under the same key); returns whether a counted result was removed.</summary>
    private bool Remove(MemoCell<TKey, TResult> cell) => _entries.Remove(cell) && Discount(cell);

    private void Count(MemoCell<TKey, TResult> cell)
    {
        Interlocked.Increment(ref _counters.Entries);
        Interlocked.Add(ref _counters.EstimatedBytes, cell.EstimatedBytes);
    }

    /// <summary>Called once by whoever removed <paramref name="cell"/> from the dictionary.</summary>
    private bool Discount(MemoCell<TKey, TResult> cell)
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
    private long NextClock() => _isBounded ? Interlocked.Add(ref _counters.Clock, 2) : MemoCell<TKey, TResult>.UntrackedUse;

    private static long EstimateEntry(TResult result)
    {
        try
        {
            return MemoSizeEstimator.EstimateEntry(Unsafe.SizeOf<TKey>(), result);
        }
        catch (Exception)
        {
            // A collection whose Count throws must not lose a computed result, nor leave its waiters hanging.
            return MemoSizeEstimator.EntryOverhead + MemoSizeEstimator.NominalSize;
        }
    }

    private bool IsOverLimits() =>
        Volatile.Read(ref _counters.Entries) > _maxEntries || Volatile.Read(ref _counters.EstimatedBytes) > _maxBytes;

    /// <summary>
    /// Evicts least recently used results until the table is 10% under each exceeded bound, so that the scan and sort
    /// happen once per tenth of the bound's inserts rather than on every insert.
    /// </summary>
    private void EvictIfOverLimits()
    {
        if (_isBounded && IsOverLimits())
        {
            EvictOldest();
        }
    }

    /// <summary>
    /// Evicts the least recently used results down to 90 % of the limits. Apart from the check above, so that a
    /// table's first results, far under its limits, do not JIT-compile the eviction loop over the user's key type.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EvictOldest()
    {
        lock (_evictionLock!)
        {
            if (!IsOverLimits())
            {
                return;
            }

            var candidates = new List<MemoCell<TKey, TResult>>();
            foreach (MemoCell<TKey, TResult> cell in _entries.Snapshot())
            {
                if (cell.IsStored)
                {
                    candidates.Add(cell);
                }
            }

            MemoCell<TKey, TResult>[] oldestFirst = [.. candidates];
            long[] lastUses = new long[oldestFirst.Length];
            for (int i = 0; i < oldestFirst.Length; i++)
            {
                lastUses[i] = oldestFirst[i].LastUse;
            }

            Array.Sort(lastUses, oldestFirst);

            long targetEntries = _maxEntries - (_maxEntries / 10);
            long targetBytes = _maxBytes - (_maxBytes / 10);
            foreach (MemoCell<TKey, TResult> cell in oldestFirst)
            {
                if (Volatile.Read(ref _counters.Entries) <= targetEntries
                    && Volatile.Read(ref _counters.EstimatedBytes) <= targetBytes)
                {
                    break;
                }

                if (Remove(cell))
                {
                    Interlocked.Increment(ref _counters.Evictions);
                }
            }
        }
    }
}
