using System;
using System.Collections.Generic;
using System.Threading;
using MemoGen.Diagnostics;
using MemoGen.Disk;
using MemoGen.Infrastructure;

namespace MemoGen;

/// <summary>
/// Where memoized results live: one in-memory table per memoized function, created on first use. Derive from it to
/// memoize methods of the context itself, or pass it to memoized methods that take a context parameter. Contexts are
/// independent: the same function in two contexts has two tables. All members are thread-safe.
/// </summary>
/// <remarks>
/// With <see cref="MemoOptions.CacheDirectory"/> set, functions tagged <c>"disk"</c> or <c>"lazy"</c> also keep their
/// results in the disk store, shared by every context and process that uses the folder.
/// <para>
/// Lifetime rule: a memory-mapped result (<see cref="MemoOptions.MmapMode"/>) stays mapped, and every memory and span
/// of it stays valid, until its context is disposed; no collection, invalidation, clear or eviction unmaps it before.
/// </para>
/// </remarks>
public class MemoContext : IDisposable
{
    private readonly Lock _tablesLock = new();
    private object?[] _tables = [];
    private DiskStore? _diskStore;
    private MemoLogger? _logger;
    private bool _loggerCreated;

    /// <summary>Creates a context with default options: unbounded memory.</summary>
    public MemoContext()
        : this(new MemoOptions())
    {
    }

    /// <summary>Creates a context that keeps results as <paramref name="options"/> say.</summary>
    /// <param name="options">
    /// The options. Memory limits are read when a function's table is created, on the function's first use in this context.
    /// </param>
    public MemoContext(MemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        if ((options.CacheDirectory ?? options.SharedTier?.StagingDirectory) is { } folder)
        {
            DiskWarmUp.Begin(folder);
        }
    }

    /// <summary>How this context keeps results.</summary>
    public MemoOptions Options { get; }

    /// <summary>
    /// The tables, indexed by <see cref="MemoFunction.Index"/>. Read without a lock on the hit path; filled, and
    /// replaced by a larger copy, only under a lock.
    /// </summary>
    internal object?[] Tables => _tables;

    /// <summary>
    /// Removes every entry of every function used in this context, from memory and from the disk store. Computations
    /// still running hand their result to their callers but do not store it.
    /// </summary>
    public void Clear()
    {
        foreach (IMemoTable table in SnapshotTables())
        {
            table.Clear();
        }
    }

    /// <summary>
    /// Removes the entries of every function cached under <paramref name="name"/>, from memory and from the disk store
    /// (even if no function of that name was used in this context).
    /// </summary>
    /// <param name="name">The cache name (<see cref="MemoizeAttribute.Name"/>).</param>
    /// <returns>How many completed entries were removed (on disk, or in memory if that is more).</returns>
    public long Clear(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        long removed = 0;
        foreach (IMemoTable table in SnapshotTables())
        {
            if (string.Equals(table.Function.Name, name, StringComparison.Ordinal))
            {
                removed += table.Clear();
            }
        }

        if (Options.CacheDirectory is not null)
        {
            try
            {
                removed = Math.Max(removed, GetDiskStore().ClearFunction(name));
            }
            catch (Exception exception) when (exception is System.IO.IOException or UnauthorizedAccessException)
            {
                // A store that cannot be changed keeps its entries; memory is cleared.
            }
        }

        return removed;
    }

    /// <summary>
    /// Prunes the disk store to <see cref="MemoOptions.DiskLimits"/>, least recently used entries first, and removes
    /// expired entries (<see cref="MemoOptions.ExpireAfter"/>) and files no entry uses. A store with limits is also
    /// pruned automatically as results are written.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options set no <see cref="MemoOptions.CacheDirectory"/>.</exception>
    public DiskPruneResult PruneDisk()
    {
        if (Options.CacheDirectory is null)
        {
            throw new InvalidOperationException("This context has no disk store: set MemoOptions.CacheDirectory to use one.");
        }

        return GetDiskStore().Prune();
    }

    /// <summary>A snapshot of the counters of every function used in this context, one row per cache name.</summary>
    public MemoStatistics GetStatistics()
    {
        var byName = new SortedDictionary<string, MemoFunctionStatistics>(StringComparer.Ordinal);
        foreach (IMemoTable table in SnapshotTables())
        {
            MemoFunctionStatistics statistics = table.Statistics;
            byName[statistics.Name] = byName.TryGetValue(statistics.Name, out MemoFunctionStatistics? sameName)
                ? Combine(sameName, statistics)
                : statistics;
        }

        return new MemoStatistics([.. byName.Values]);
    }

    /// <summary>
    /// Unmaps the memory-mapped results this context loaded so far: no memory or span of one may be used afterwards.
    /// Other results, and the disk store, are unaffected; the context can still be used, and results it maps from then
    /// on stay mapped until it is disposed again.
    /// </summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Unmaps the memory-mapped results this context loaded, when <paramref name="disposing"/>.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        DiskStore? store;
        lock (_tablesLock)
        {
            store = _diskStore;
        }

        store?.MappedViews.Dispose();
    }

    /// <summary>The logger of the options' <see cref="MemoOptions.LoggerFactory"/> (itself created on its first message).</summary>
    internal MemoLogger? Logger
    {
        get
        {
            lock (_tablesLock)
            {
                if (!_loggerCreated)
                {
                    _logger = MemoLogger.For(Options);
                    _loggerCreated = true;
                }

                return _logger;
            }
        }
    }

    /// <summary>
    /// The disk tier of <paramref name="function"/>: for a function tagged <c>"disk"</c> or <c>"lazy"</c> when the options
    /// name a <see cref="MemoOptions.CacheDirectory"/> or a shared tier; otherwise <see langword="null"/>.
    /// </summary>
    /// <param name="function">The function.</param>
    /// <param name="cacher">The cacher named on its attribute, if any.</param>
    /// <param name="format">The format the generator chose for results that are not written raw.</param>
    /// <remarks>Not generic over the key type: for a reference-type result, ReadyToRun precompiles it.</remarks>
    internal DiskTier? CreateDiskTier<TResult>(MemoFunction function, IMemoCacher<TResult>? cacher, MemoPayloadFormat format)
    {
        bool lazy = function.HasTag(MemoTags.Lazy);
        if ((Options.CacheDirectory is null && Options.SharedTier is null) || !(lazy || function.HasTag(MemoTags.Disk)))
        {
            return null;
        }

        return new DiskTier(
            function,
            GetDiskStore(),
            PayloadCodecs.For(Options, function.Name, cacher, format),
            typeof(TResult),
            Options.ExpiryFor(function.Name),
            lazy ? new WeakResults<TResult>() : null,
            Options.SharedTier);
    }

    /// <summary>The slow path of <see cref="MemoFunction{TKey, TResult}.TableIn"/>: creates the function's table once.</summary>
    internal object GetOrAddTable(MemoFunction function)
    {
        lock (_tablesLock)
        {
            object?[] tables = _tables;
            int index = function.Index;
            if (index < tables.Length && tables[index] is { } existing)
            {
                return existing;
            }

            IMemoTable table = function.CreateTable(this);
            if (index >= tables.Length)
            {
                // Every function created so far may be used soon; sizing for them avoids repeated growth.
                var grown = new object?[Math.Max(index + 1, MemoFunction.CreatedCount)];
                Array.Copy(tables, grown, tables.Length);
                grown[index] = table;
                Volatile.Write(ref _tables, grown);
            }
            else
            {
                Volatile.Write(ref tables[index], table);
            }

            return table;
        }
    }

    private DiskStore GetDiskStore()
    {
        lock (_tablesLock)
        {
            // Without a cache directory, a shared tier stages the local store in a folder of its own.
            return _diskStore ??= new DiskStore(Options.CacheDirectory ?? Options.SharedTier!.StagingDirectory!, Options, Logger);
        }
    }

    private List<IMemoTable> SnapshotTables()
    {
        object?[] tables = Volatile.Read(ref _tables);
        var snapshot = new List<IMemoTable>();
        foreach (object? table in tables)
        {
            if (table is IMemoTable memoTable)
            {
                snapshot.Add(memoTable);
            }
        }

        return snapshot;
    }

    private static MemoFunctionStatistics Combine(MemoFunctionStatistics left, MemoFunctionStatistics right) =>
        new(
            left.Name,
            left.Entries + right.Entries,
            left.EstimatedBytes + right.EstimatedBytes,
            left.Hits + right.Hits,
            left.Misses + right.Misses,
            left.Evictions + right.Evictions,
            left.DiskLoads + right.DiskLoads);
}
