using System.Runtime.CompilerServices;

namespace MemoGen.Infrastructure;

/// <summary>
/// One entry of a <see cref="MemoTable{TKey, TResult}"/>: first a running computation (<see cref="MemoCell{TResult}.Flight"/>),
/// then its result. A cell is never reused for another result: recomputing replaces the cell. It carries its key, so
/// that the table's <see cref="MemoCellMap{TKey, TResult}"/> holds cells directly. All but the key is in the base, which
/// the miss path uses: only what compares or describes keys is compiled per key type.
/// </summary>
internal sealed class MemoCell<TKey, TResult> : MemoCell<TResult>
    where TKey : struct, IMemoKey<TKey>
{
    /// <summary>
    /// Creates a cell whose result <paramref name="flight"/> computes. With no flight and the complement of the key's hash code,
    /// a tombstone: one constructor for both, so that a function's first call compiles one per key type.
    /// </summary>
    public MemoCell(TKey key, int hash, MemoFlight<TResult>? flight)
        : base(hash, flight)
    {
        Key = key;
    }

    /// <summary>Creates a cell that already holds its result.</summary>
    public MemoCell(TKey key, TResult value, long estimatedBytes, long lastUse)
        : base(key.GetHashCode(), value, estimatedBytes, lastUse)
    {
        Key = key;
    }

    /// <summary>
    /// The slot marker of a removed cell in a <see cref="MemoCellMap{TKey, TResult}"/>. Its hash code is the complement of
    /// its key's, so no lookup ever matches it: a key equal to its key has that key's hash code.
    /// </summary>
    /// <remarks>A field, not a property, as <see cref="Key"/> is (the same code once optimized).</remarks>
    public static readonly MemoCell<TKey, TResult> Tombstone = new(default, ~default(TKey).GetHashCode(), null);

    /// <inheritdoc />
    /// <remarks>Only a map's writes call this, under its lock, with a cell of the same map: the unchecked cast is safe.</remarks>
    public override bool HasKeyOf(MemoCell<TResult> other) => Key.Equals(Unsafe.As<MemoCell<TKey, TResult>>(other).Key);

    /// <summary>The key of the call whose result this is.</summary>
    /// <remarks>A field, not a property: the first call of a function runs its lookups unoptimized (tier 0, nothing inlined).</remarks>
    public readonly TKey Key;
}
