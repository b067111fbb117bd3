namespace MemoGen;

/// <summary>What <see cref="MemoContext.PruneDisk"/> did.</summary>
/// <param name="RemovedEntries">Entries removed: over a bound, unused for too long, or expired.</param>
/// <param name="RemovedBytes">The bytes those entries took.</param>
/// <param name="RemainingEntries">Entries left in the store.</param>
/// <param name="RemainingBytes">The bytes left in the store.</param>
public sealed record DiskPruneResult(long RemovedEntries, long RemovedBytes, long RemainingEntries, long RemainingBytes);
