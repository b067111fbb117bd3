using System;
using System.ComponentModel;
using System.Threading;
using MemoGen.Diagnostics;
using MemoGen.Disk;

namespace MemoGen.Infrastructure;

/// <summary>
/// The part of a <see cref="MemoTable{TKey, TResult}"/> that depends on neither its key nor its result: its settings,
/// counters and tiers, the counts and limits, the clock and the statistics. Precompiled by ReadyToRun, so that a
/// function's first call compiles none of it, whatever its types.
/// </summary>
/// <remarks>
/// Holds the table's fields that come before the cell map in the single class it was, in the same order, so that the
/// runtime lays the table out as before and the hit path's code reads the same offsets. The classes between it and
/// <see cref="MemoTable{TKey, TResult}"/> declare no fields.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class MemoTableCore : IMemoTable
{
    /// <summary>The <c>lastUse</c> of a cell whose table does not rank reads (an unbounded table): hits need not touch it.</summary>
    internal const long UntrackedUse = 0;

    private protected readonly MemoFunction _function;
    private protected readonly bool _isBounded;
    private protected readonly long _maxEntries;
    private protected readonly long _maxBytes;
    private protected readonly Lock? _evictionLock;
    private protected readonly DiskTier? _disk;
    private protected readonly MemoLogger? _logger;

    // Written on every insert: kept off the cache lines that the hit path reads.
    private protected readonly MemoTableCounters _counters = new();

    private protected readonly int _keySize;

    private protected MemoTableCore(MemoFunction function, MemoryLimits limits, DiskTier? disk, MemoLogger? logger, int keySize)
    {
        _function = function;
        _disk = disk;
        _logger = logger;
        _keySize = keySize;
        _isBounded = limits.MaxEntries is not null || limits.MaxBytes is not null;
        _maxEntries = Math.Max(0, limits.MaxEntries ?? long.MaxValue);
        _maxBytes = Math.Max(0, limits.MaxBytes ?? long.MaxValue);
        _evictionLock = _isBounded ? new Lock() : null;
    }

    /// <summary>The counters of this table.</summary>
    public MemoFunctionStatistics Statistics => new(
        _function.Name,
        Volatile.Read(ref _counters.Entries),
        Volatile.Read(ref _counters.EstimatedBytes),
        _counters.Hits.Sum(),
        Volatile.Read(ref _counters.Misses),
        Volatile.Read(ref _counters.Evictions),
        Volatile.Read(ref _counters.DiskLoads));

    MemoFunction IMemoTable.Function => _function;

    MemoHitCounter IMemoTable.Hits => _counters.Hits;

    /// <summary>
    /// Removes every cached result, from memory and from the disk store (the function's entries written by any
    /// process). Computations still running are detached: their waiters get their result, which is not stored.
    /// </summary>
    /// <returns>How many completed results were removed: from disk, or from memory if that is more.</returns>
    public abstract long Clear();

    /// <summary>Evicts the least recently used results down to 90 % of the limits (under the eviction lock, once over them).</summary>
    private protected abstract void EvictOldest();

    /// <summary>Counts a stored entry of <paramref name="estimatedBytes"/>.</summary>
    private protected void Count(long estimatedBytes)
    {
        Interlocked.Increment(ref _counters.Entries);
        Interlocked.Add(ref _counters.EstimatedBytes, estimatedBytes);
    }

    /// <summary>Inserts advance the clock by two, leaving the odd value between them to the reads that follow.</summary>
    private protected long NextClock() => _isBounded ? Interlocked.Add(ref _counters.Clock, 2) : UntrackedUse;

    private protected bool IsOverLimits() =>
        Volatile.Read(ref _counters.Entries) > _maxEntries || Volatile.Read(ref _counters.EstimatedBytes) > _maxBytes;

    /// <summary>
    /// Evicts least recently used results until the table is 10% under each exceeded bound, so that the scan and sort
    /// happen once per tenth of the bound's inserts rather than on every insert.
    /// </summary>
    private protected void EvictIfOverLimits()
    {
        if (_isBounded && IsOverLimits())
        {
            EvictOldest();
        }
    }

    /// <summary>Counts a contained failure of a side effect and logs it as a warning where logging works; never throws.</summary>
    private protected void SideEffectFailed(string sideEffect, Exception exception)
    {
        MemoMetrics.CountFailure(sideEffect);
        try
        {
            if (_logger?.Logger is { } logger)
            {
                MemoLog.SideEffectFailed(logger, _function.Name, sideEffect, exception.Message);
            }
        }
        catch (Exception)
        {
            // Out of memory again, most likely: the count is kept.
        }
    }

    private protected void CountDiskLoad() => _counters.CountDiskLoad(_function);
}
