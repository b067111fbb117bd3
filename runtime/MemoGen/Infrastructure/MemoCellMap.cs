using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace MemoGen.Infrastructure;

/// <summary>
/// The cells of one <see cref="MemoTable{TKey, TResult}"/>, by key: an open-addressing hash table whose slots hold the
/// cells themselves. Reads take no lock and follow one reference from slot to cell, which carries its key; writes take
/// one lock and publish a new slot array when the old one fills. Cells are added, replaced and removed through
/// <see cref="Slots"/>, which does not depend on the key type.
/// </summary>
/// <remarks>
/// <para>
/// This replaces a <c>ConcurrentDictionary</c>, whose nodes would add one reference between the bucket and the cell and
/// whose prime-sized buckets cost two multiplications per lookup (see the hit benchmarks for what that saved).
/// </para>
/// <para>
/// A struct, so that the table holding it in a field (never a copy, never <see langword="readonly"/>) reaches the
/// slot array in one step.
/// </para>
/// </remarks>
internal struct MemoCellMap<TKey, TResult>
    where TKey : struct, IMemoKey<TKey>
{
    /// <summary>
    /// The slots, through which cells are added, replaced and removed (a field, not a property: a function's first call
    /// then compiles no method of this map for its writes).
    /// </summary>
    public MemoCellSlots<TResult> Slots = new(MemoCell<TKey, TResult>.Tombstone);

    /// <summary>Creates an empty map.</summary>
    public MemoCellMap()
    {
    }

    /// <summary>How many cells the map holds.</summary>
    public readonly int Count => Slots.Count;

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
        MemoCell<TResult>?[] slots = Volatile.Read(in Slots.Array);
        int hash = key.GetHashCode();
        uint mask = (uint)slots.Length - 1;
        ref MemoCell<TResult>? first = ref MemoryMarshal.GetArrayDataReference(slots);
        for (uint i = FibonacciHash.Home(hash, slots.Length); ; i = (i + 1) & mask)
        {
            // Every cell in the slots is one of this map's key type (or its tombstone, which is too): the cast is safe.
            MemoCell<TKey, TResult>? cell = Unsafe.As<MemoCell<TKey, TResult>>(Unsafe.Add(ref first, i));
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

    /// <summary>Removes the cell of <paramref name="key"/>, if any, and returns it.</summary>
    public MemoCell<TKey, TResult>? Remove(TKey key)
    {
        // A cell found without the lock may be replaced before it is removed: then the newer cell is the key's.
        while (Find(key) is { } cell)
        {
            if (Slots.Remove(cell))
            {
                return cell;
            }
        }

        return null;
    }

    /// <summary>The cells at this moment (no lock: a cell added or removed meanwhile may or may not be listed).</summary>
    public readonly IEnumerable<MemoCell<TKey, TResult>> Snapshot() => Live(Volatile.Read(in Slots.Array));

    private static IEnumerable<MemoCell<TKey, TResult>> Live(MemoCell<TResult>?[] slots)
    {
        foreach (MemoCell<TResult>? cell in slots)
        {
            if (cell is not null && !ReferenceEquals(cell, MemoCell<TKey, TResult>.Tombstone))
            {
                yield return Unsafe.As<MemoCell<TKey, TResult>>(cell);
            }
        }
    }
}
