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

    /// <summary>Stores a completed result in place of whatever the key holds.</summary>
    private void Store(TKey key, TResult result)
    {
        var cell = new MemoCell<TKey, TResult>(key, result, EstimateEntry(result), NextClock());
        if (_entries.Slots.Replace(cell) is { } previous)
        {
            Discount(previous);
        }

        if (cell.TryMarkStored())
        {
            Count(cell.EstimatedBytes);
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

    private protected override bool RemoveFromMap(MemoCell<TResult> cell) => _entries.Slots.Remove(cell);

    /// <summary>
    /// Evicts the least recently used results down to 90 % of the limits. Apart from the base's check, so that a
    /// table's first results, far under its limits, do not JIT-compile the eviction loop over the user's key type.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private protected override void EvictOldest()
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
