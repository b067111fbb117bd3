using System;
using System.Numerics;
using System.Threading;

namespace MemoGen.Infrastructure;

/// <summary>
/// The slots of a <see cref="MemoCellMap{TKey, TResult}"/> and its writes: placing, replacing and removing cells under
/// one lock, and rebuilding the slot array when it fills. Not generic over the key, so that a function's first call
/// compiles this once per result type (and for a reference-type result, not at all: it is precompiled) instead of once
/// per key type; keys are compared through the cells (<see cref="MemoCell{TResult}.HasKeyOf"/>).
/// </summary>
/// <remarks>
/// A removed cell leaves the map's tombstone, so that probes for keys placed after it go on. Tombstones are dropped when
/// the slots are rebuilt, which happens when live cells and tombstones fill half of them. A cell is never moved within
/// an array; a rebuild places the same cells in a new array, so a reader holding the old one still finds every key that
/// was there when it started (or misses a key added since, which its caller then looks up under the lock).
/// </remarks>
internal struct MemoCellSlots<TResult>
{
    private const int MinimumCapacity = 8;

    private readonly Lock _lock = new();
    private readonly MemoCell<TResult> _tombstone;
    private int _live;
    private int _tombstones;

    /// <summary>The slot array, read without a lock; replaced, never resized in place.</summary>
    public MemoCell<TResult>?[] Array = new MemoCell<TResult>?[MinimumCapacity];

    /// <summary>Creates empty slots whose removed cells leave <paramref name="tombstone"/>, a cell no key matches.</summary>
    public MemoCellSlots(MemoCell<TResult> tombstone)
    {
        _tombstone = tombstone;
    }

    /// <summary>How many cells the slots hold.</summary>
    public readonly int Count => Volatile.Read(in _live);

    /// <summary>Adds <paramref name="cell"/> unless its key has a cell already.</summary>
    /// <returns>Whether it was added.</returns>
    public bool TryAdd(MemoCell<TResult> cell)
    {
        lock (_lock)
        {
            if (Probe(cell, out int free) >= 0)
            {
                return false;
            }

            Place(cell, free);
            return true;
        }
    }

    /// <summary>Puts <paramref name="cell"/> in place of its key's cell, if any.</summary>
    /// <returns>The cell it replaced, or <see langword="null"/>.</returns>
    public MemoCell<TResult>? Replace(MemoCell<TResult> cell)
    {
        lock (_lock)
        {
            int found = Probe(cell, out int free);
            if (found < 0)
            {
                Place(cell, free);
                return null;
            }

            MemoCell<TResult> previous = Array[found]!;
            Volatile.Write(ref Array[found], cell);
            return previous;
        }
    }

    /// <summary>Removes <paramref name="cell"/> itself, not a newer cell of its key.</summary>
    /// <returns>Whether it was in the map.</returns>
    public bool Remove(MemoCell<TResult> cell)
    {
        lock (_lock)
        {
            int found = Probe(cell, out _);
            if (found < 0 || !ReferenceEquals(Array[found], cell))
            {
                return false;
            }

            Volatile.Write(ref Array[found], _tombstone);
            _tombstones++;
            Volatile.Write(ref _live, _live - 1);
            return true;
        }
    }

    /// <summary>
    /// Finds the slot of <paramref name="cell"/>'s key (under the lock). Returns its index, or -1 with the slot a new
    /// cell should take in <paramref name="free"/>: the first tombstone on the way, or the empty slot that ended the probe.
    /// </summary>
    private readonly int Probe(MemoCell<TResult> cell, out int free)
    {
        MemoCell<TResult>?[] slots = Array;
        int mask = slots.Length - 1;
        free = -1;
        for (int i = (int)FibonacciHash.Home(cell.Hash, slots.Length); ; i = (i + 1) & mask)
        {
            MemoCell<TResult>? other = slots[i];
            if (other is null)
            {
                if (free < 0)
                {
                    free = i;
                }

                return -1;
            }

            if (ReferenceEquals(other, _tombstone))
            {
                if (free < 0)
                {
                    free = i;
                }
            }
            else if (other.Hash == cell.Hash && cell.HasKeyOf(other))
            {
                return i;
            }
        }
    }

    private void Place(MemoCell<TResult> cell, int free)
    {
        if (ReferenceEquals(Array[free], _tombstone))
        {
            _tombstones--;
        }
        else if ((_live + _tombstones + 1) * 2 > Array.Length)
        {
            // The empty slot would fill the array past half: rebuild it (without tombstones), then place the cell anew.
            Rebuild(_live + 1);
            Probe(cell, out free);
        }

        Volatile.Write(ref Array[free], cell);
        Volatile.Write(ref _live, _live + 1);
    }

    /// <summary>Places the live cells in a new array at most a quarter full, and publishes it.</summary>
    private void Rebuild(int live)
    {
        int capacity = (int)Math.Max(MinimumCapacity, BitOperations.RoundUpToPowerOf2((uint)live * 4));
        var slots = new MemoCell<TResult>?[capacity];
        int mask = capacity - 1;
        foreach (MemoCell<TResult>? cell in Array)
        {
            if (cell is null || ReferenceEquals(cell, _tombstone))
            {
                continue;
            }

            int i = (int)FibonacciHash.Home(cell.Hash, capacity);
            while (slots[i] is not null)
            {
                i = (i + 1) & mask;
            }

            slots[i] = cell;
        }

        _tombstones = 0;
        Volatile.Write(ref Array, slots);
    }
}
