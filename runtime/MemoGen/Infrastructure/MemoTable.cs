using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Diagnostics;
using MemoGen.Disk;
using Microsoft.Extensions.Logging;

namespace MemoGen.Infrastructure;

/// <summary>
/// The in-memory results of one memoized function in one <see cref="MemoContext"/>. Thread-safe.
/// </summary>
/// <typeparam name="TKey">The generated key type.</typeparam>
/// <typeparam name="TResult">The cached value (the awaited value for asynchronous methods).</typeparam>
/// <remarks>
/// <para>
/// Lookups are single-flight: concurrent callers of one key run the computation once and share its result, or its
/// exception; an exception is not cached. With <see cref="MemoryLimits"/>, least recently used results are evicted
/// in batches after an insert that exceeds a bound.
/// </para>
/// <para>
/// <see cref="Invalidate"/> and <see cref="Clear"/> also detach computations still running: those hand their result
/// to the callers already waiting for them but do not store it, since it may be based on what the caller wanted to
/// forget. The next lookup starts a new computation.
/// </para>
/// <para>
/// A function with a disk tier (the <c>"disk"</c> or <c>"lazy"</c> tag, and a <see cref="MemoOptions.CacheDirectory"/>)
/// consults it on a memory miss, inside the single-flight computation, and writes a computed result to it before
/// publishing it; the hit path never touches it. The handle operations reach the disk too.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MemoTable<TKey, TResult> : IMemoTable
    where TKey : struct, IMemoKey<TKey>
{
    private readonly MemoFunction _function;
    // Not readonly: the map is a struct that changes in place.
    private MemoCellMap<TKey, TResult> _entries = new();
    private readonly bool _isBounded;
    private readonly long _maxEntries;
    private readonly long _maxBytes;
    private readonly Lock? _evictionLock;
    private readonly DiskTier<TKey, TResult>? _disk;
    private readonly ILogger? _logger;

    private readonly MemoHitCounter _hits = new();

    // Written on every insert: kept off the cache lines that the hit path reads.
    private readonly Counters _counters = new();

    internal MemoTable(MemoFunction function, MemoryLimits limits, DiskTier<TKey, TResult>? disk = null, ILogger? logger = null)
    {
        _function = function;
        _disk = disk;
        _logger = logger;
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
        _hits.Sum(),
        Volatile.Read(ref _counters.Misses),
        Volatile.Read(ref _counters.Evictions),
        Volatile.Read(ref _counters.DiskLoads));

    MemoFunction IMemoTable.Function => _function;

    /// <summary>Returns the cached result of <paramref name="key"/> if there is one, and counts a hit.</summary>
    /// <param name="key">The call's key.</param>
    /// <param name="value">The cached result.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TResult value)
    {
        if (_entries.Find(key) is { IsCompleted: true } cell)
        {
            RecordHit(cell);
            value = cell.Value;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Returns the cached result of <paramref name="key"/>, or computes it (once, however many callers ask at the same
    /// time) and caches it. Called after <see cref="TryGetValue"/> missed.
    /// </summary>
    /// <param name="key">The call's key.</param>
    /// <param name="state">What <paramref name="compute"/> needs, passed on so that it can be a static lambda.</param>
    /// <param name="compute">Computes the result.</param>
    /// <exception cref="InvalidOperationException">
    /// The computation of <paramref name="key"/> called itself on the same thread (directly or through other memoized
    /// calls). A cycle through other threads that block on each other is not detected.
    /// </exception>
    public TResult GetOrCompute<TState>(in TKey key, TState state, Func<TState, TResult> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        while (true)
        {
            if (_entries.Find(key) is { } cell)
            {
                switch (Join(cell, out MemoFlight<TResult>? flight))
                {
                    case JoinOutcome.Completed:
                        return cell.Value;
                    case JoinOutcome.Joined:
                        return flight!.Wait();
                    case JoinOutcome.Reentrant:
                        throw ReentrantCall();
                    default:
                        continue;
                }
            }

            MemoFlight<TResult> started = MemoFlight<TResult>.ForSynchronousComputation();
            var startedCell = new MemoCell<TKey, TResult>(key, started);
            if (!_entries.TryAdd(startedCell))
            {
                continue;
            }

            MemoHash128 hash;
            TResult result;
            try
            {
                if (TryLoad(key, out hash, out TResult? loaded))
                {
                    started.ReleaseOwnerThread();
                    PublishLoaded(key, startedCell, started, loaded, cacheTask: false);
                    return loaded;
                }
            }
            catch (Exception exception)
            {
                // The disk tier reports its own failures; this is a key whose stable hash throws.
                started.ReleaseOwnerThread();
                Fail(startedCell, started, exception);
                throw;
            }

            CountMiss();
            long startedAt = Stopwatch.GetTimestamp();
            try
            {
                result = compute(state);
            }
            catch (Exception exception)
            {
                started.ReleaseOwnerThread();
                Fail(startedCell, started, exception);
                throw;
            }

            started.ReleaseOwnerThread();
            PublishComputed(key, hash, startedCell, started, result, startedAt, cacheTask: false);
            return result;
        }
    }

    /// <summary>
    /// Returns a completed task of the cached result of <paramref name="key"/> if there is one, and counts a hit. The
    /// task is created once per entry, so a hit allocates nothing.
    /// </summary>
    /// <param name="key">The call's key.</param>
    /// <param name="task">A completed task of the cached result.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetCompletedTask(TKey key, [MaybeNullWhen(false)] out Task<TResult> task)
    {
        if (_entries.Find(key) is { IsCompleted: true } cell)
        {
            RecordHit(cell);
            task = cell.GetCompletedTask();
            return true;
        }

        task = null;
        return false;
    }

    /// <summary>
    /// Returns the cached result of <paramref name="key"/>, or computes it asynchronously and caches the awaited value.
    /// Concurrent callers share one computation.
    /// </summary>
    /// <param name="key">The call's key.</param>
    /// <param name="state">What <paramref name="compute"/> needs, passed on so that it can be a static lambda.</param>
    /// <param name="compute">
    /// Computes the result. Its token is shared by every caller waiting for the computation, and cancelled only when
    /// all of them have cancelled.
    /// </param>
    /// <param name="cancellationToken">Cancels this caller's wait only (with an <see cref="OperationCanceledException"/>).</param>
    /// <remarks>
    /// A computation that calls itself with the same key, even after an <see langword="await"/>, gets a task faulted
    /// with an <see cref="InvalidOperationException"/> instead of waiting for itself.
    /// </remarks>
    public ValueTask<TResult> GetOrComputeAsync<TState>(
        in TKey key,
        TState state,
        Func<TState, CancellationToken, ValueTask<TResult>> compute,
        CancellationToken cancellationToken)
    {
        if (TryGetValue(key, out TResult? value))
        {
            return new ValueTask<TResult>(value);
        }

        return JoinOrStartAsync(key, state, compute, cacheTask: false, cancellationToken);
    }

    /// <summary>
    /// <see cref="GetOrComputeAsync"/> for methods that return <see cref="Task{TResult}"/>: the entry keeps a completed
    /// task, which <see cref="TryGetCompletedTask"/> returns on later hits.
    /// </summary>
    /// <param name="key">The call's key.</param>
    /// <param name="state">What <paramref name="compute"/> needs, passed on so that it can be a static lambda.</param>
    /// <param name="compute">
    /// Computes the result. Its token is shared by every caller waiting for the computation, and cancelled only when
    /// all of them have cancelled.
    /// </param>
    /// <param name="cancellationToken">Cancels this caller's wait only (with an <see cref="OperationCanceledException"/>).</param>
    public Task<TResult> GetOrComputeTaskAsync<TState>(
        in TKey key,
        TState state,
        Func<TState, CancellationToken, ValueTask<TResult>> compute,
        CancellationToken cancellationToken)
    {
        if (TryGetCompletedTask(key, out Task<TResult>? task))
        {
            return task;
        }

        return JoinOrStartAsync(key, state, compute, cacheTask: true, cancellationToken).AsTask();
    }

    /// <summary>
    /// Whether a completed result of <paramref name="key"/> is cached, in memory or in the disk store. Not counted as
    /// a hit or a miss.
    /// </summary>
    /// <param name="key">The call's key.</param>
    public bool Contains(in TKey key) =>
        (_entries.Find(key) is { IsCompleted: true } cell) || (_disk is not null && _disk.Contains(key));

    /// <summary>
    /// Removes the cached result of <paramref name="key"/>, from memory and from the disk store. A computation of it
    /// still running is detached: its waiters get its result, which is not stored.
    /// </summary>
    /// <param name="key">The call's key.</param>
    /// <returns>Whether a completed result was removed.</returns>
    public bool Invalidate(in TKey key)
    {
        bool removed = _entries.Remove(key) is { } cell && Discount(cell);
        return (_disk is not null && _disk.Remove(key)) | removed;
    }

    /// <summary>
    /// Where the disk store keeps the entry of <paramref name="key"/>: its metadata file, beside which lie its payload
    /// files, whether or not the entry exists yet. <see langword="null"/> if the function has no disk tier.
    /// </summary>
    /// <param name="key">The call's key.</param>
    public string? EntryPath(in TKey key) => _disk?.EntryPath(key);

    /// <summary>
    /// Computes the result of <paramref name="key"/> anew, stores it in place of any cached one (on disk too) and
    /// returns it. Not single-flight: callers already waiting for a running computation of the key get that
    /// computation's result. If <paramref name="compute"/> throws, the cached result (if any) stays.
    /// </summary>
    /// <param name="key">The call's key.</param>
    /// <param name="state">What <paramref name="compute"/> needs, passed on so that it can be a static lambda.</param>
    /// <param name="compute">Computes the result.</param>
    public TResult Recompute<TState>(in TKey key, TState state, Func<TState, TResult> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        long startedAt = Stopwatch.GetTimestamp();
        TResult result = compute(state);
        StoreRecomputed(key, result, startedAt);
        return result;
    }

    /// <summary>
    /// Computes the result of <paramref name="key"/> anew, stores it in place of any cached one (on disk too) and
    /// returns it. Not single-flight; if <paramref name="compute"/> fails or is cancelled, the cached result (if any) stays.
    /// </summary>
    /// <param name="key">The call's key.</param>
    /// <param name="state">What <paramref name="compute"/> needs, passed on so that it can be a static lambda.</param>
    /// <param name="compute">Computes the result; it gets <paramref name="cancellationToken"/>.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    public ValueTask<TResult> RecomputeAsync<TState>(
        in TKey key,
        TState state,
        Func<TState, CancellationToken, ValueTask<TResult>> compute,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compute);
        return RecomputeCoreAsync(key, state, compute, cancellationToken);
    }

    /// <summary>
    /// Removes every cached result, from memory and from the disk store (the function's entries written by any
    /// process). Computations still running are detached: their waiters get their result, which is not stored.
    /// </summary>
    /// <returns>How many completed results were removed: from disk, or from memory if that is more.</returns>
    public long Clear()
    {
        long removed = 0;
        foreach (MemoCell<TKey, TResult> cell in _entries.Snapshot())
        {
            if (Remove(cell))
            {
                removed++;
            }
        }

        return _disk is null ? removed : Math.Max(removed, _disk.Clear());
    }

    /// <summary>How many callers wait for the running computation of <paramref name="key"/>, its starter included (for tests).</summary>
    internal int CountWaitingCallers(in TKey key) =>
        _entries.Find(key)?.Flight is { } flight ? flight.CountCallers() : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RecordHit(MemoCell<TKey, TResult> cell)
    {
        _hits.Increment();
        if (_isBounded)
        {
            // One past the latest insert: a read ranks newer than every entry inserted before it.
            cell.Touch(Volatile.Read(ref _counters.Clock) + 1);
        }
    }

    /// <summary>
    /// Handles a lookup that found <paramref name="cell"/>: a completed result (a hit), or a running computation that
    /// the caller joins (also a hit: the caller does not compute).
    /// </summary>
    private JoinOutcome Join(MemoCell<TKey, TResult> cell, out MemoFlight<TResult>? flight)
    {
        flight = null;
        if (cell.IsCompleted)
        {
            RecordHit(cell);
            return JoinOutcome.Completed;
        }

        flight = cell.Flight;
        if (flight is null)
        {
            // The cell completed between the two reads.
            return JoinOutcome.Retry;
        }

        if (flight.IsCalledFromItsComputation)
        {
            return JoinOutcome.Reentrant;
        }

        if (!flight.TryJoin())
        {
            // Every caller of that computation cancelled: it is being dropped. Start a new one rather than inherit a
            // cancellation this caller did not ask for.
            Remove(cell);
            return JoinOutcome.Retry;
        }

        _hits.Increment();
        return JoinOutcome.Joined;
    }

    private InvalidOperationException ReentrantCall() => new(
        $"The memoized function '{_function.Name}' was called from inside its own computation with the same "
        + "arguments. Waiting for that computation would wait forever; break the recursion, or make the inner call "
        + "with different arguments.");

    private ValueTask<TResult> JoinOrStartAsync<TState>(
        TKey key,
        TState state,
        Func<TState, CancellationToken, ValueTask<TResult>> compute,
        bool cacheTask,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TResult>(cancellationToken);
        }

        while (true)
        {
            if (_entries.Find(key) is { } cell)
            {
                switch (Join(cell, out MemoFlight<TResult>? flight))
                {
                    case JoinOutcome.Completed:
                        return new ValueTask<TResult>(cell.Value);
                    case JoinOutcome.Joined:
                        return WaitAsync(cell, flight!, cancellationToken);
                    case JoinOutcome.Reentrant:
                        return ValueTask.FromException<TResult>(ReentrantCall());
                    default:
                        continue;
                }
            }

            MemoFlight<TResult> started = MemoFlight<TResult>.ForAsynchronousComputation();
            var startedCell = new MemoCell<TKey, TResult>(key, started);
            if (!_entries.TryAdd(startedCell))
            {
                continue;
            }

            MemoHash128 hash;
            try
            {
                if (TryLoad(key, out hash, out TResult? loaded))
                {
                    PublishLoaded(key, startedCell, started, loaded, cacheTask);
                    return new ValueTask<TResult>(loaded);
                }
            }
            catch (Exception exception)
            {
                Fail(startedCell, started, exception);
                return ValueTask.FromException<TResult>(exception);
            }

            CountMiss();
            Start(key, hash, startedCell, started, state, compute, cacheTask);
            return startedCell.IsCompleted
                ? new ValueTask<TResult>(startedCell.Value)
                : WaitAsync(startedCell, started, cancellationToken);
        }
    }

    private void Start<TState>(
        TKey key,
        MemoHash128 hash,
        MemoCell<TKey, TResult> cell,
        MemoFlight<TResult> flight,
        TState state,
        Func<TState, CancellationToken, ValueTask<TResult>> compute,
        bool cacheTask)
    {
        ValueTask<TResult> computation;
        long startedAt = Stopwatch.GetTimestamp();
        try
        {
            using (MemoComputationScope.Enter(flight))
            {
                computation = compute(state, flight.CancellationToken);
            }
        }
        catch (Exception exception)
        {
            Fail(cell, flight, exception);
            return;
        }

        if (computation.IsCompletedSuccessfully)
        {
            PublishComputed(key, hash, cell, flight, computation.Result, startedAt, cacheTask);
            return;
        }

        _ = CompleteWhenDoneAsync(key, hash, cell, flight, computation, startedAt, cacheTask);
    }

    private async Task CompleteWhenDoneAsync(
        TKey key,
        MemoHash128 hash,
        MemoCell<TKey, TResult> cell,
        MemoFlight<TResult> flight,
        ValueTask<TResult> computation,
        long startedAt,
        bool cacheTask)
    {
        TResult result;
        try
        {
            result = await computation.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Fail(cell, flight, exception);
            return;
        }

        PublishComputed(key, hash, cell, flight, result, startedAt, cacheTask);
    }

    private async ValueTask<TResult> WaitAsync(
        MemoCell<TKey, TResult> cell,
        MemoFlight<TResult> flight,
        CancellationToken cancellationToken)
    {
        Task<TResult> shared = flight.AsTask();
        if (!cancellationToken.CanBeCanceled || shared.IsCompleted)
        {
            return await shared.ConfigureAwait(false);
        }

        try
        {
            return await shared.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !shared.IsCompleted)
        {
            if (flight.Leave())
            {
                // This was the last caller: drop the entry first, so that the next lookup starts afresh, then stop
                // the computation. Cancellation is never cached.
                Remove(cell);
                flight.CancelComputation();
            }

            throw;
        }
    }

    private async ValueTask<TResult> RecomputeCoreAsync<TState>(
        TKey key,
        TState state,
        Func<TState, CancellationToken, ValueTask<TResult>> compute,
        CancellationToken cancellationToken)
    {
        long startedAt = Stopwatch.GetTimestamp();
        TResult result = await compute(state, cancellationToken).ConfigureAwait(false);
        StoreRecomputed(key, result, startedAt);
        return result;
    }

    /// <summary>
    /// Publishes a result: to the table (unless the entry was removed meanwhile), then to the waiters. Returns whether
    /// the table kept it.
    /// </summary>
    private bool Complete(MemoCell<TKey, TResult> cell, MemoFlight<TResult> flight, TResult result, bool cacheTask)
    {
        cell.Complete(result, EstimateEntry(result), NextClock(), cacheTask ? Task.FromResult(result) : null);

        // Counted and evicted before the waiters wake, so that a caller sees its own result in the statistics.
        bool stored = cell.TryMarkStored();
        if (stored)
        {
            Count(cell);
            EvictIfOverLimits();
        }

        flight.SetResult(result);
        return stored;
    }

    /// <summary>
    /// Asks the disk tier, if any, for the result of a memory miss. Computes the stable key hash on the way, which a
    /// following write takes.
    /// </summary>
    private bool TryLoad(in TKey key, out MemoHash128 hash, [MaybeNullWhen(false)] out TResult value)
    {
        if (_disk is null)
        {
            hash = default;
            value = default;
            return false;
        }

        switch (_disk.TryLoad(key, out hash, out value))
        {
            case LoadOutcome.Recalled:
                _hits.Increment();
                return true;
            case LoadOutcome.Loaded:
                Interlocked.Increment(ref _counters.DiskLoads);
                MemoMetrics.DiskLoads.Add(1, MemoMetrics.Tag(_function));
                return true;
            default:
                return false;
        }
    }

    private void CountMiss()
    {
        Interlocked.Increment(ref _counters.Misses);
        MemoMetrics.Misses.Add(1, MemoMetrics.Tag(_function));
    }

    /// <summary>Publishes a result the disk tier gave: kept in memory, or (lazy) only weakly.</summary>
    private void PublishLoaded(TKey key, MemoCell<TKey, TResult> cell, MemoFlight<TResult> flight, TResult value, bool cacheTask)
    {
        MemoGen.Hashing.MemoProvenance.Register(value, _function, key, keyHash: default);
        if (_disk!.IsLazy)
        {
            PublishWeakly(key, cell, flight, value, written: null);
        }
        else
        {
            Complete(cell, flight, value, cacheTask);
        }
    }

    /// <summary>
    /// Publishes a computed result: traced, written to the disk tier (unless the entry was invalidated meanwhile),
    /// then kept in memory (or, lazy and written, only weakly) and handed to the waiters.
    /// </summary>
    private void PublishComputed(TKey key, MemoHash128 hash, MemoCell<TKey, TResult> cell, MemoFlight<TResult> flight, TResult result, long startedAt, bool cacheTask)
    {
        MemoGen.Hashing.MemoProvenance.Register(result, _function, key, hash);
        TimeSpan elapsed = TraceComputed(key, startedAt);
        WrittenEntry? written = _disk is not null && !cell.IsRemoved ? _disk.Save(key, hash, result, elapsed) : null;
        if (written is not null && _disk!.IsLazy)
        {
            PublishWeakly(key, cell, flight, result, written);
            return;
        }

        if (!Complete(cell, flight, result, cacheTask) && written is not null)
        {
            _disk!.Undo(written);
        }
    }

    /// <summary>Keeps only a weak handle on a lazy result, removes its cell, and hands the result to the waiters.</summary>
    private void PublishWeakly(TKey key, MemoCell<TKey, TResult> cell, MemoFlight<TResult> flight, TResult result, WrittenEntry? written)
    {
        // The handle goes in first, so that a lookup arriving once the cell is gone finds it.
        _disk!.HoldWeakly(key, result);
        if (_entries.Remove(cell))
        {
            cell.MarkRemoved();
        }
        else
        {
            // Invalidated while it was computed or written.
            _disk.ForgetWeakly(key);
            if (written is not null)
            {
                _disk.Undo(written);
            }
        }

        flight.SetResult(result);
    }

    /// <summary>Stores a recomputed result: on disk, then in memory (or, lazy and written, only weakly).</summary>
    private void StoreRecomputed(TKey key, TResult result, long startedAt)
    {
        TimeSpan elapsed = TraceComputed(key, startedAt);
        if (_disk is not null && _disk.Save(key, MemoKeyHash.Of(key), result, elapsed) is not null && _disk.IsLazy)
        {
            if (_entries.Remove(key) is { } previous)
            {
                Discount(previous);
            }

            _disk.HoldWeakly(key, result);
            return;
        }

        Store(key, result);
    }

    private TimeSpan TraceComputed(in TKey key, long startedAt)
    {
        TimeSpan elapsed = Stopwatch.GetElapsedTime(startedAt);
        MemoMetrics.ComputeDuration.Record(elapsed.TotalSeconds, MemoMetrics.Tag(_function));
        if (_logger is { } logger && logger.IsEnabled(LogLevel.Debug))
        {
            MemoLog.Computed(logger, _function.Name, CallDescriber.Describe(_function.Name, key), elapsed.TotalMilliseconds);
        }

        return elapsed;
    }

    /// <summary>Drops a failed computation's entry, so the next lookup computes again, then hands the exception to its waiters.</summary>
    private void Fail(MemoCell<TKey, TResult> cell, MemoFlight<TResult> flight, Exception exception)
    {
        Remove(cell);
        flight.SetException(exception);
    }

    /// <summary>Stores a completed result in place of whatever the key holds.</summary>
    private void Store(TKey key, TResult result)
    {
        var cell = new MemoCell<TKey, TResult>(key, result, EstimateEntry(result), NextClock());
        if (_entries.Replace(cell) is { } previous)
        {
            Discount(previous);
        }

        if (cell.TryMarkStored())
        {
            Count(cell);
            EvictIfOverLimits();
        }
    }

    /// <summary>Removes this very cell (not a newer one under the same key); returns whether a counted result was removed.</summary>
    private bool Remove(MemoCell<TKey, TResult> cell) => _entries.Remove(cell) && Discount(cell);

    private void Count(MemoCell<TKey, TResult> cell)
    {
        Interlocked.Increment(ref _counters.Entries);
        Interlocked.Add(ref _counters.EstimatedBytes, cell.EstimatedBytes);
    }

    /// <summary>Called once by whoever removed <paramref name="cell"/> from the dictionary.</summary>
    private bool Discount(MemoCell<TKey, TResult> cell)
    {
        if (!cell.MarkRemoved())
        {
            return false;
        }

        Interlocked.Decrement(ref _counters.Entries);
        Interlocked.Add(ref _counters.EstimatedBytes, -cell.EstimatedBytes);
        return true;
    }

    /// <summary>Inserts advance the clock by two, leaving the odd value between them to the reads that follow.</summary>
    private long NextClock() => _isBounded ? Interlocked.Add(ref _counters.Clock, 2) : 0;

    private static long EstimateEntry(TResult result)
    {
        try
        {
            return MemoSizeEstimator.EstimateEntry<TKey, TResult>(result);
        }
        catch (Exception)
        {
            // A collection whose Count throws must not lose a computed result, nor leave its waiters hanging.
            return MemoSizeEstimator.EntryOverhead + MemoSizeEstimator.NominalSize;
        }
    }

    private bool IsOverLimits() =>
        Volatile.Read(ref _counters.Entries) > _maxEntries || Volatile.Read(ref _counters.EstimatedBytes) > _maxBytes;

    /// <summary>
    /// Evicts least recently used results until the table is 10% under each exceeded bound, so that the scan and sort
    /// happen once per tenth of the bound's inserts rather than on every insert.
    /// </summary>
    private void EvictIfOverLimits()
    {
        if (!_isBounded || !IsOverLimits())
        {
            return;
        }

        lock (_evictionLock!)
        {
            if (!IsOverLimits())
            {
                return;
            }

            var candidates = new List<MemoCell<TKey, TResult>>();
            foreach (MemoCell<TKey, TResult> cell in _entries.Snapshot())
            {
                if (cell.IsStored)
                {
                    candidates.Add(cell);
                }
            }

            MemoCell<TKey, TResult>[] oldestFirst = [.. candidates];
            long[] lastUses = new long[oldestFirst.Length];
            for (int i = 0; i < oldestFirst.Length; i++)
            {
                lastUses[i] = oldestFirst[i].LastUse;
            }

            Array.Sort(lastUses, oldestFirst);

            long targetEntries = _maxEntries - (_maxEntries / 10);
            long targetBytes = _maxBytes - (_maxBytes / 10);
            foreach (MemoCell<TKey, TResult> cell in oldestFirst)
            {
                if (Volatile.Read(ref _counters.Entries) <= targetEntries
                    && Volatile.Read(ref _counters.EstimatedBytes) <= targetBytes)
                {
                    break;
                }

                if (Remove(cell))
                {
                    Interlocked.Increment(ref _counters.Evictions);
                }
            }
        }
    }

    private enum JoinOutcome
    {
        /// <summary>The cell holds its result.</summary>
        Completed,

        /// <summary>The caller joined the cell's running computation.</summary>
        Joined,

        /// <summary>The caller is that computation itself: waiting would never end.</summary>
        Reentrant,

        /// <summary>The cell changed under the caller: look the key up again.</summary>
        Retry,
    }

    /// <summary>The table's counters that change on the miss path.</summary>
    private sealed class Counters
    {
        /// <summary>The logical clock of bounded tables: one tick per insert.</summary>
        public long Clock;

        public long Misses;

        /// <summary>Completed results in the table.</summary>
        public long Entries;

        public long EstimatedBytes;

        public long Evictions;

        /// <summary>Memory misses answered from the disk store.</summary>
        public long DiskLoads;
    }
}
