using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Disk;
using MemoGen.Diagnostics;

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
public sealed partial class MemoTable<TKey, TResult> : MemoTable<TResult>
    where TKey : struct, IMemoKey<TKey>
{
    // The hit path's fields, after the base's: the cell map (not readonly: a struct that changes in place) and the hit
    // counter (the same stripes as the base's copy in the counters).
    private MemoCellMap<TKey, TResult> _entries = new();
    private readonly MemoHitCounter _hits;

    internal MemoTable(MemoFunction function, MemoryLimits limits, DiskTier? disk = null, MemoLogger? logger = null)
        : base(function, limits, disk, logger, Unsafe.SizeOf<TKey>())
    {
        _hits = _counters.Hits;
    }

    /// <summary>Returns the cached result of <paramref name="key"/> if there is one, and counts a hit.</summary>
    /// <param name="key">The call's key.</param>
    /// <param name="value">The cached result.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TResult value)
    {
        // Counted before the lookup, and taken back on a miss: the JIT inlines in call order within a budget, and a
        // key whose hashing inlines large (a record's) would otherwise leave the count as a call on every hit.
        _hits.Increment();
        MemoCell<TKey, TResult>? cell = _entries.FindOr(key, MemoCell<TKey, TResult>.Tombstone)!;
        if (!cell.IsPlainHit)
        {
            cell = CompletedOtherwise(cell);
            if (cell is null)
            {
                value = default;
                return false;
            }
        }

        value = cell.Value;
        return true;
    }

    /// <summary>
    /// The rest of <see cref="TryGetValue"/>, out of line: the cell of a hit that records its use (a bounded table), or
    /// <see langword="null"/> for a miss, whose counted hit is taken back. Returns the cell rather than its value, so
    /// that the caller's value needs no address.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private MemoCell<TKey, TResult>? CompletedOtherwise(MemoCell<TKey, TResult>? cell)
    {
        if (cell is { IsCompleted: true })
        {
            TouchForEviction(cell);
            return cell;
        }

        _hits.Uncount();
        return null;
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
        switch (JoinOrStart(key, asynchronous: false, out MemoCell<TKey, TResult> cell, out MemoFlight<TResult> flight, out MemoHash128 hash))
        {
            case JoinOutcome.Completed:
                return cell.Value;
            case JoinOutcome.Joined:
                return flight.Wait();
            case JoinOutcome.Reentrant:
                throw ReentrantCall();
        }

        if (AnswerMiss(cell, flight, hash, cacheTask: false, out MissPlan plan, out TResult? loaded))
        {
            return loaded;
        }

        long startedAt = Stopwatch.GetTimestamp();
        TResult result;
        try
        {
            result = compute(state);
        }
        catch (Exception exception)
        {
            flight.ReleaseOwnerThread();
            FailComputed(plan, cell, flight, exception);
            throw;
        }

        flight.ReleaseOwnerThread();
        PublishComputed(key, plan, cell, flight, result, startedAt, cacheTask: false);
        return result;
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

        return ComputeOnMissAsync(key, state, compute, cacheTask: false, cancellationToken);
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

        return ComputeOnMissAsync(key, state, compute, cacheTask: true, cancellationToken).AsTask();
    }

    /// <summary>
    /// Whether a completed result of <paramref name="key"/> is cached, in memory or in the disk store. Not counted as
    /// a hit or a miss.
    /// </summary>
    /// <param name="key">The call's key.</param>
    public bool Contains(in TKey key) =>
        (_entries.Find(key) is { IsCompleted: true } cell)
        || (!MemoGen.Sweeps.SweepCallListener.TryAnswerProbe() && _disk is not null && _disk.Contains(MemoKeyHash.Of(key)));

    /// <summary>
    /// Removes the cached result of <paramref name="key"/>, from memory and from the disk store. A computation of it
    /// still running is detached: its waiters get its result, which is not stored.
    /// </summary>
    /// <param name="key">The call's key.</param>
    /// <returns>Whether a completed result was removed.</returns>
    public bool Invalidate(in TKey key)
    {
        bool removed = _entries.Remove(key) is { } cell && Discount(cell);
        return (_disk is not null && _disk.Remove(MemoKeyHash.Of(key))) | removed;
    }

    /// <summary>
    /// Where the disk store keeps the entry of <paramref name="key"/>: its metadata file, beside which lie its payload
    /// files, whether or not the entry exists yet. <see langword="null"/> if the function has no disk tier.
    /// </summary>
    /// <param name="key">The call's key.</param>
    public string? EntryPath(in TKey key) => _disk?.EntryPath(MemoKeyHash.Of(key));

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

    /// <inheritdoc />
    public override long Clear()
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
}
