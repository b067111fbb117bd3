using System.Threading;
using MemoGen.Diagnostics;

namespace MemoGen.Infrastructure;

/// <summary>
/// The counters of a <see cref="MemoTable{TKey, TResult}"/> that change on the miss path, kept off the cache lines its
/// hits read. Not nested in the table, so that nothing of it is compiled per key type.
/// </summary>
internal sealed class MemoTableCounters
{
    /// <summary>
    /// The table's hit counter: the same stripes as the table's own copy, which its hit path counts on, here for the
    /// miss path (a join is a hit too) and the statistics.
    /// </summary>
    public readonly MemoHitCounter Hits = new();

    /// <summary>The logical clock of bounded tables: one tick per insert.</summary>
    public long Clock;

    public long Misses;

    /// <summary>Completed results in the table.</summary>
    public long Entries;

    public long EstimatedBytes;

    public long Evictions;

    /// <summary>Memory misses answered from the disk store.</summary>
    public long DiskLoads;

    /// <summary>Counts a memory miss answered from the disk store, here and in the metrics.</summary>
    public void CountDiskLoad(MemoFunction function)
    {
        Interlocked.Increment(ref DiskLoads);
        MemoMetrics.Add(MemoMetrics.DiskLoads, 1, function);
    }

    /// <summary>Counts a lookup that runs the computation, here and in the metrics.</summary>
    public void CountMiss(MemoFunction function)
    {
        Interlocked.Increment(ref Misses);
        MemoMetrics.Add(MemoMetrics.Misses, 1, function);
    }
}
