using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace MemoGen.Infrastructure;

/// <summary>
/// The cells of one <see cref="MemoTable{TKey, TResult}"/>, by key: an open-addressing hash table whose slots hold the
/// cells themselves. Reads take no lock and follow one reference from slot to cell, which carries its key; writes take
/// one lock and publish a new slot array when the old one fills.
/// </summary>
/// <remarks>
/// <para>
/// This replaces a <c>ConcurrentDictionary</c>, whose nodes would add one reference between the bucket and the cell and
/// whose prime-sized buckets cost two multiplications per lookup (see the hit benchmarks for what that saved).
/// </para>
/// <para>
/// A removed cell leaves a tombstone, so that probes for keys placed after it go on. Tombstones are dropped when the
/// slots are rebuilt, which happens when live cells and tombstones fill half of them. A cell is never moved within an
/// array; a rebuild places the same cells in a new array, so a reader holding the old one still finds every key that
/// was there when it started (or misses a key added since, which its caller then looks up under the lock).
/// </para>
/// <para>
/// A struct, so that the table holding it in a field (never a copy, never <see langword="readonly"/>) reaches the
/// slot array in one step.
/// </para>
/// </remarks>
internal struct MemoCellMap<TKey, TResult>
    where TKey : struct, IMemoKey<TKey>
{
    private const int MinimumCapacity = 8;

    private readonly Lock _lock = new();
    private MemoCell<TKey, TResult>?[] _slots = new MemoCell<TKey, TResult>?[MinimumCapacity];
    private int _live;
    private int _tombstones;

    /// <summary>Creates an empty map.</summary>
    public MemoCellMap()
    {
    }

    /// <summary>How many cells the map holds.</summary>
    public readonly int Count => Volatile.Read(in _live);

    /// <summary>The cell of <paramref name="key"/>, or <see langword="null"/>. Takes no lock.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly MemoCell<TKey, TResult>? Find(TKey key) => FindOr(key, null);

    /// <summary>
    /// The cell of <paramref name="key"/>, or <paramref name="notFound"/>. Takes no lock. The hit path passes a cell that
    /// never completes (<see cref="MemoCell{TKey, TResult}.Tombstone"/>), so that it tests the result once, not for
    /// <see langword="null"/> first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly MemoCell<TKey, TResult>? FindOr(TKey key, MemoCell<TKey, TResult>? notFound)
    {
        MemoCell<TKey, TResult>?[] slots = Volatile.Read(in _slots);
        int hash = key.GetHashCode();
        uint mask = (uint)slots.Length - 1;
        ref MemoCell<TKey, TResult>? first = ref MemoryMarshal.GetArrayDataReference(slots);
        for (uint i = FibonacciHash.Home(hash, slots.Length); ; i = (i + 1) & mask)
        {
            MemoCell<TKey, TResult>? cell = Unsafe.Add(ref first, i);
            if (cell is null)
            {
                return notFound;
            }

            // A tombstone never matches (see MemoCell.Tombstone), so this needs no check for one.
            if (cell.Hash == hash && cell.Key.Equals(key))
            {
                return cell;
            }
        }
    }

    /// <summary>Adds <paramref name="cell"/> unless its key has a cell already.</summary>
    /// <returns>Whether it was added.</returns>
    public bool TryAdd(MemoCell<TKey, TResult> cell)
    {
        lock (_lock)
        {
            if (Probe(cell.Key, cell.Hash, out int free) >= 0)
            {
                return false;
            }

            Place(cell, free);
            return true;
        }
    }

    /// <summary>Puts <paramref name="cell"/> in place of its key's cell, if any.</summary>
    /// <returns>The cell it replaced, or <see langword="null"/>.</returns>
    public MemoCell<TKey, TResult>? Replace(MemoCell<TKey, TResult> cell)
    {
        lock (_lock)
        {
            int found = Probe(cell.Key, cell.Hash, out int free);
            if (found < 0)
            {
                Place(cell, free);
                return null;
            }

            MemoCell<TKey, TResult> previous = _slots[found]!;
            Volatile.Write(ref _slots[found], cell);
            return previous;
        }
    }

    /// <summary>Removes the cell of <paramref name="key"/>, if any, and returns it.</summary>
    public MemoCell<TKey, TResult>? Remove(TKey key)
    {
        lock (_lock)
        {
            int found = Probe(key, key.GetHashCode(), out _);
            if (found < 0)
            {
                return null;
            }

            MemoCell<TKey, TResult> removed = _slots[found]!;
            Bury(found);
            return removed;
        }
    }

    /// <summary>Removes <paramref name="cell"/> itself, not a newer cell of its key.</summary>
    /// <returns>Whether it was in the map.</returns>
    public bool Remove(MemoCell<TKey, TResult> cell)
    {
        lock (_lock)
        {
            int found = Probe(cell.Key, cell.Hash, out _);
            if (found < 0 || !ReferenceEquals(_slots[found], cell))
            {
                return false;
            }

            Bury(found);
            return true;
        }
    }

    /// <summary>The cells at this moment (no lock: a cell added or removed meanwhile may or may not be listed).</summary>
    public readonly IEnumerable<MemoCell<TKey, TResult>> Snapshot() => Live(Volatile.Read(in _slots));

    private static IEnumerable<MemoCell<TKey, TResult>> Live(MemoCell<TKey, TResult>?[] slots)
    {
        foreach (MemoCell<TKey, TResult>? cell in slots)
        {
            if (cell is not null && !ReferenceEquals(cell, MemoCell<TKey, TResult>.Tombstone))
            {
                yield return cell;
            }
        }
    }

    /// <summary>
    /// Finds the slot of <paramref name="key"/> (under the lock). Returns its index, or -1 with the slot a new cell
    /// should take in <paramref name="free"/>: the first tombstone on the way, or the empty slot that ended the probe.
    /// </summary>
    private readonly int Probe(TKey key, int hash, out int free)
    {
        MemoCell<TKey, TResult>?[] slots = _slots;
        int mask = slots.Length - 1;
        free = -1;
        for (int i = (int)FibonacciHash.Home(hash, slots.Length); ; i = (i + 1) & mask)
        {
            MemoCell<TKey, TResult>? cell = slots[i];
            if (cell is null)
            {
                if (free < 0)
                {
                    free = i;
                }

                return -1;
            }

            if (ReferenceEquals(cell, MemoCell<TKey, TResult>.Tombstone))
            {
                if (free < 0)
                {
                    free = i;
                }
            }
            else if (cell.Hash == hash && cell.Key.Equals(key))
            {
                return i;
            }
        }
    }

    private void Place(MemoCell<TKey, TResult> cell, int free)
    {
        if (ReferenceEquals(_slots[free], MemoCell<TKey, TResult>.Tombstone))
        {
            _tombstones--;
        }
        else if ((_live + _tombstones + 1) * 2 > _slots.Length)
        {
            // The empty slot would fill the array past half: rebuild it (without tombstones), then place the cell anew.
            Rebuild(_live + 1);
            Probe(cell.Key, cell.Hash, out free);
        }

        Volatile.Write(ref _slots[free], cell);
        Volatile.Write(ref _live, _live + 1);
    }

    private void Bury(int index)
    {
        Volatile.Write(ref _slots[index], MemoCell<TKey, TResult>.Tombstone);
        _tombstones++;
        Volatile.Write(ref _live, _live - 1);
    }

    /// <summary>Places the live cells in a new array at most a quarter full, and publishes it.</summary>
    private void Rebuild(int live)
    {
        int capacity = (int)Math.Max(MinimumCapacity, BitOperations.RoundUpToPowerOf2((uint)live * 4));
        var slots = new MemoCell<TKey, TResult>?[capacity];
        int mask = capacity - 1;
        foreach (MemoCell<TKey, TResult>? cell in _slots)
        {
            if (cell is null || ReferenceEquals(cell, MemoCell<TKey, TResult>.Tombstone))
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
        Volatile.Write(ref _slots, slots);
    }
}
