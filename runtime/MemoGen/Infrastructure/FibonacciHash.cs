using System.Numerics;
using System.Runtime.CompilerServices;

namespace MemoGen.Infrastructure;

/// <summary>
/// Where a hash code's probe starts in a <see cref="MemoCellMap{TKey, TResult}"/>. Not in the generic map, so that a
/// function's first call does not compile it per key type; the hit path inlines it all the same.
/// </summary>
internal static class FibonacciHash
{
    /// <summary>
    /// Fibonacci hashing: the top log2(<paramref name="capacity"/>) bits of the product, so that keys differing only in
    /// high bits spread too. For a power of two, the leading zeros of capacity - 1 are 32 - log2(capacity).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Home(int hash, int capacity) =>
        ((uint)hash * 0x9E3779B9u) >> BitOperations.LeadingZeroCount((uint)capacity - 1);
}
