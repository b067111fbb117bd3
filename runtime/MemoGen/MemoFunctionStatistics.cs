namespace MemoGen;

/// <summary>The counters of one function in one <see cref="MemoContext"/>.</summary>
/// <param name="Name">The function's cache name.</param>
/// <param name="Entries">How many completed results are kept.</param>
/// <param name="EstimatedBytes">The estimated memory those results take, entry overhead included.</param>
/// <param name="Hits">
/// Calls answered without running the computation: from a kept result, or by joining a computation already running.
/// Exact, also when many threads hit at once.
/// </param>
/// <param name="Misses">
/// Computations started by a lookup (exact): lookups answered neither from memory nor from the disk store. Forced
/// recomputations are not counted.
/// </param>
/// <param name="Evictions">Results removed to stay within the memory limits.</param>
/// <param name="DiskLoads">Lookups answered from the disk store (memory misses that did not compute).</param>
public sealed record MemoFunctionStatistics(
    string Name,
    long Entries,
    long EstimatedBytes,
    long Hits,
    long Misses,
    long Evictions,
    long DiskLoads = 0);
