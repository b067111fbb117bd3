using System;
using System.Diagnostics.CodeAnalysis;
using MemoGen.Diagnostics;
using MemoGen.Disk;

namespace MemoGen.Infrastructure;

/// <summary>
/// The shared tier's steps of a miss (<see cref="ISharedTier"/>): fetch and claim before computing; publish and release
/// after. Its failures are logged and the call goes on locally.
/// </summary>
public sealed partial class MemoTable<TKey, TResult>
{
    /// <summary>
    /// After a local miss: fetches the entry from the shared tier into the local store and loads it; else claims the
    /// computation (the shared tier re-checks for the entry once the claim is held), or fetches the entry that the
    /// holder it waited for published. Returns <see langword="true"/>
    /// with the value, or <see langword="false"/> with the claim to hold while computing (if one was taken), or with
    /// <paramref name="failedElsewhere"/>: the exception of the computation waited for, which the call must fail with.
    /// </summary>
    private bool TryFetchShared(in TKey key, MemoHash128 hash, out TResult value, out IDisposable? claim, out Exception? failedElsewhere)
    {
        claim = null;
        failedElsewhere = null;
        value = default!;
        if (_disk?.Shared is not { } shared)
        {
            return false;
        }

        var entry = new SharedEntry(_function.Name, _function.CodeVersion, hash);
        if (TryFetch(shared, entry, key, out value))
        {
            return true;
        }

        SharedClaim claimed;
        try
        {
            claimed = shared.Claim(entry);
        }
        catch (Exception exception)
        {
            SharedTierFailed(exception);
            return false;
        }

        if (claimed.Failure is not null)
        {
            failedElsewhere = claimed.Failure;
            return false;
        }

        if (claimed.Lease is null)
        {
            return TryFetch(shared, entry, key, out value);
        }

        claim = claimed.Lease;
        return false;
    }

    /// <summary>Whether results are shared with other processes through a shared tier.</summary>
    internal bool HasSharedTier => _disk?.Shared is not null;

    /// <summary>
    /// Whether another process is computing <paramref name="key"/> right now, so that a sweep can do other points first
    /// (false without a shared tier, when the result is in memory, or when the shared tier cannot tell).
    /// </summary>
    internal bool IsComputedElsewhere(in TKey key)
    {
        if (_disk?.Shared is not { } shared || _entries.Find(key) is { IsCompleted: true })
        {
            return false;
        }

        try
        {
            return shared.IsClaimedElsewhere(new SharedEntry(_function.Name, _function.CodeVersion, MemoKeyHash.Of(key)));
        }
        catch (Exception exception)
        {
            SharedTierFailed(exception);
            return false;
        }
    }

    /// <summary>
    /// Fetches the entry into the local store and loads it from there, validated like any local entry; a small entry is
    /// held in memory and decoded from its bytes, with the same checks, then written to the local store (if not staged).
    /// </summary>
    private bool TryFetch(ISharedTier shared, in SharedEntry entry, in TKey key, out TResult value)
    {
        value = default!;
        using FetchTarget? target = FetchInto(shared, entry);
        if (target is null)
        {
            return false;
        }

        if (target.InMemory is { } fetched)
        {
            // Small: decoded from the fetched bytes, then written to the local store if one keeps it.
            LoadOutcome decoded = _disk!.TryLoadFetched(key, entry.KeyHash, fetched, out value);
            if (decoded == LoadOutcome.Loaded)
            {
                WriteThrough(target);
            }

            return Loaded(decoded);
        }

        LoadOutcome outcome = _disk!.TryLoadFromDisk(key, entry.KeyHash, out value);
        if (shared.StagingDirectory is not null)
        {
            // Staged only to be streamed in: the result is in memory (or mapped) now, and the shared tier keeps it.
            target.DeleteCommitted();
        }

        return Loaded(outcome);
    }

    private void WriteThrough(FetchTarget target)
    {
        try
        {
            target.WriteThrough();
        }
        catch (Exception exception)
        {
            // The local copy only spares a later fetch: the value is served, and what was written is removed on dispose.
            SideEffectFailed("store", exception);
        }
    }

    private bool Loaded(LoadOutcome outcome)
    {
        if (outcome != LoadOutcome.Loaded)
        {
            return false;
        }

        CountDiskLoad();
        return true;
    }

    /// <summary>Fetches the entry into the local store: the committed target, or <see langword="null"/> (nothing left behind) when the shared tier has no entry or fails.</summary>
    private FetchTarget? FetchInto(ISharedTier shared, in SharedEntry entry)
    {
        FetchTarget? target = null;
        try
        {
            target = _disk!.BeginFetch(entry.KeyHash, staged: shared.StagingDirectory is not null);
            if (shared.TryFetch(entry, target))
            {
                return target;
            }
        }
        catch (Exception exception)
        {
            SharedTierFailed(exception);
        }

        target?.Dispose();
        return null;
    }

    /// <summary>Publishes a freshly written local entry to the shared tier.</summary>
    private void PublishShared(MemoHash128 hash, WrittenEntry? written)
    {
        if (written is null || _disk?.Shared is not { } shared)
        {
            return;
        }

        try
        {
            shared.Publish(new SharedEntry(_function.Name, _function.CodeVersion, hash), _disk.Paths(hash));
        }
        catch (Exception exception)
        {
            SharedTierFailed(exception);
        }
    }

    /// <summary>
    /// Fails a call whose computation failed in another process: its flight ends with that exception (nothing cached,
    /// so the next call computes again), and the caller gets it.
    /// </summary>
    [DoesNotReturn]
    private void FailWithSharedFailure(MemoCell<TKey, TResult> cell, MemoFlight<TResult> flight, Exception failedElsewhere)
    {
        flight.ReleaseOwnerThread();
        Fail(cell, flight, failedElsewhere);
        throw failedElsewhere;
    }

    /// <summary>Hands the exception of a claimed computation to the shared tier, for the waiters of other processes.</summary>
    private void FailShared(MemoHash128 hash, IDisposable? claim, Exception exception)
    {
        if (claim is null || exception is OperationCanceledException || _disk?.Shared is not { } shared)
        {
            return;
        }

        try
        {
            shared.Fail(new SharedEntry(_function.Name, _function.CodeVersion, hash), exception);
        }
        catch (Exception failure)
        {
            SharedTierFailed(failure);
        }
    }

    private void ReleaseClaim(IDisposable? claim)
    {
        try
        {
            claim?.Dispose();
        }
        catch (Exception exception)
        {
            SharedTierFailed(exception);
        }
    }

    private void SharedTierFailed(Exception exception)
    {
        try
        {
            if (_logger is { } logger)
            {
                MemoLog.SharedTierFailed(logger, _function.Name, exception.Message);
            }
        }
        catch (Exception)
        {
            // The logger failed too: the shared tier is a side effect, and so is reporting on it.
        }
    }
}
