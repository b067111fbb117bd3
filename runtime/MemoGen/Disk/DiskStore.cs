using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using MemoGen.Diagnostics;

namespace MemoGen.Disk;

/// <summary>
/// One context's view of a disk store folder: the I/O seam, the clock, the logger, whether the folder can be written,
/// and when to prune. The tables of the context's disk-tagged functions share it; other contexts and processes using
/// the same folder coordinate through the file system only.
/// </summary>
internal sealed class DiskStore
{
    // A set under a lock, not a concurrent dictionary: only writes use it, and a first read should not load
    // System.Collections.Concurrent for it.
    private readonly HashSet<string> _createdDirectories = new(StringComparer.Ordinal);
    private readonly DiskLimits _limits;
    private readonly MemoOptions _options;
    private readonly Lock _pruneLock = new();
    private int _unwritable;
    private long _bytesSincePrune;
    private long _entriesSincePrune;
    private int _writesSeen;
    private int _pruneQueued;

    /// <summary>A store in <paramref name="root"/>, as <paramref name="options"/> say.</summary>
    public DiskStore(string root, MemoOptions options, MemoLogger? logger)
    {
        Root = Path.GetFullPath(root);
        _options = options;
        _limits = options.DiskLimits;
        FileSystem = options.FileSystem;
        Time = options.TimeProvider;
        MmapMode = options.MmapMode;
        Logger = logger;
    }

    /// <summary>The store's folder (absolute).</summary>
    public string Root { get; }

    /// <summary>The I/O seam.</summary>
    public IMemoFileSystem FileSystem { get; }

    /// <summary>The clock of timestamps and expiry.</summary>
    public TimeProvider Time { get; }

    /// <summary>Whether disk hits on memories are mapped.</summary>
    public MmapMode MmapMode { get; }

    /// <summary>Where warnings and traces go, if anywhere.</summary>
    public MemoLogger? Logger { get; }

    /// <summary>The memory-mapped results loaded through this store, mapped until the context is disposed.</summary>
    public MappedViews MappedViews { get; } = new();

    /// <summary>Whether entries may still be written: false once a write failed for the disk's sake (full, read-only).</summary>
    public bool IsWritable => Volatile.Read(ref _unwritable) == 0;

    /// <summary>The folder of a function's entries.</summary>
    public string FunctionDirectory(string functionName) => DiskLayout.FunctionDirectory(Root, functionName);

    /// <summary>Creates <paramref name="directory"/> unless this store already did.</summary>
    public void EnsureDirectory(string directory)
    {
        lock (_createdDirectories)
        {
            if (_createdDirectories.Contains(directory))
            {
                return;
            }
        }

        FileSystem.CreateDirectory(directory);
        lock (_createdDirectories)
        {
            _createdDirectories.Add(directory);
        }
    }

    /// <summary>Forgets which folders exist, after one turned out to be gone (someone removed the store).</summary>
    public void ForgetDirectories()
    {
        lock (_createdDirectories)
        {
            _createdDirectories.Clear();
        }
    }

    /// <summary>Stops writing, with one warning: the disk is full, read-only or failing. Reads go on.</summary>
    public void MarkUnwritable(Exception failure)
    {
        if (Interlocked.Exchange(ref _unwritable, 1) == 0 && Logger?.Logger is { } logger)
        {
            MemoLog.Unwritable(logger, Root, failure.Message);
        }
    }

    /// <summary>
    /// Counts a committed write, and asks for a prune when a tenth of a bound has been written since the last one (or
    /// on the first write). The prune runs in the background, never on the caller's thread; requests made while one
    /// is queued are coalesced into it.
    /// </summary>
    public void RecordWrite(long bytes)
    {
        if (!_limits.IsBounded)
        {
            return;
        }

        long written = Interlocked.Add(ref _bytesSincePrune, bytes);
        long entries = Interlocked.Increment(ref _entriesSincePrune);
        bool first = Interlocked.Exchange(ref _writesSeen, 1) == 0;
        if ((first || written >= (_limits.MaxBytes ?? long.MaxValue) / 10 || entries >= Math.Max(1, (_limits.MaxEntries ?? long.MaxValue) / 10))
            && Interlocked.Exchange(ref _pruneQueued, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static store => store.PruneInBackground(), this, preferLocal: false);
        }
    }

    private void PruneInBackground()
    {
        lock (_pruneLock)
        {
            // Cleared first: a write committed while this prune runs asks for another one.
            Volatile.Write(ref _pruneQueued, 0);
            Interlocked.Exchange(ref _bytesSincePrune, 0);
            Interlocked.Exchange(ref _entriesSincePrune, 0);
            try
            {
                Prune();
            }
            catch (Exception)
            {
                // Pruning is housekeeping, and nobody waits for it: whatever failed, the next trigger tries again.
            }
        }
    }

    /// <summary>Removes entries over the bounds, unused for too long, or expired; and files no entry uses.</summary>
    public DiskPruneResult Prune()
    {
        DiskPruneResult result = new DiskPruner(FileSystem, Root, _limits, _options.Expiries, _options.OrphanGracePeriod, Time.GetUtcNow().UtcDateTime).Prune();
        if (Logger is { IsDebugEnabled: true } log)
        {
            MemoLog.Pruned(log.Logger!, Root, result.RemovedEntries, result.RemovedBytes, result.RemainingEntries);
        }

        return result;
    }

    /// <summary>Removes every entry of the function cached under <paramref name="functionName"/>; returns how many.</summary>
    public long ClearFunction(string functionName) => DiskPruner.ClearFunction(FileSystem, FunctionDirectory(functionName));
}
