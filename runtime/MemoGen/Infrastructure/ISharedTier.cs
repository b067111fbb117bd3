using System;
using MemoGen.Disk;

namespace MemoGen.Infrastructure;

/// <summary>
/// A store shared by many processes and machines behind memory and the local disk store (read-through,
/// write-through), such as the PostgreSQL tier of <c>MemoGen.Postgres</c>. Set through
/// <see cref="MemoOptions.SharedTier"/>; used only by functions with a disk tier, since entries reach memory through
/// the local store.
/// </summary>
/// <remarks>
/// <para>
/// On a local miss the table calls, inside its single-flight computation and in this order: <see cref="TryFetch"/>
/// (then loads the local entry the fetch wrote); <see cref="Claim"/> (which re-checks for the entry once the claim is
/// held: another holder may have published between the fetch and the claim); then it computes, writes the local entry,
/// calls <see cref="Publish"/> and disposes the claim. When the computation throws, it calls <see cref="Fail"/> instead
/// of <see cref="Publish"/> (not for a cancellation, which is local to the caller). The claim is disposed on every path.
/// </para>
/// <para>
/// Every member may throw: a failure of the shared tier is logged as a warning and the call goes on locally (an
/// outage degrades to local computing); it never fails the caller's call. Calls come from the caller's thread, on the
/// miss path only.
/// </para>
/// </remarks>
internal interface ISharedTier
{
    /// <summary>
    /// When the options name no <see cref="MemoOptions.CacheDirectory"/>: a folder the shared tier manages, where the
    /// local store stages entries (a fetched entry is loaded, then removed; a computed one is removed by the shared
    /// tier once published). <see langword="null"/> when the options name a cache directory.
    /// </summary>
    string? StagingDirectory { get; }

    /// <summary>
    /// Copies the entry of <paramref name="entry"/>, if the shared tier holds one, into the local store through
    /// <paramref name="target"/> (payload files, then <see cref="FetchTarget.Commit(System.ReadOnlySpan{byte})"/>). Returns whether it committed
    /// an entry; the table then loads and validates it like any local entry. A small entry that is only staged may be
    /// held in memory by the target (<see cref="FetchTarget.TryHoldInMemory"/>, asked before the first payload file) and
    /// is then decoded from its bytes.
    /// </summary>
    bool TryFetch(in SharedEntry entry, FetchTarget target);

    /// <summary>
    /// Claims the computation of <paramref name="entry"/> across machines, waiting while another holder computes it.
    /// Returns the held claim (only once the entry was found missing with the claim held), <see cref="SharedClaim.PublishedByAnother"/> when the holder it waited for
    /// published the entry meanwhile (the table then fetches it), or <see cref="SharedClaim.FailedElsewhere"/> when
    /// that holder's computation threw (the table fails the call with that exception, and caches nothing).
    /// </summary>
    SharedClaim Claim(in SharedEntry entry);

    /// <summary>
    /// Whether another holder is computing <paramref name="entry"/> right now (claimed, not published), without
    /// waiting: a sweep defers such a point and comes back to it. False when unsure (an outage included).
    /// </summary>
    bool IsClaimedElsewhere(in SharedEntry entry) => false;

    /// <summary>
    /// Publishes a freshly written local entry, whose files <paramref name="written"/> locates, under
    /// <paramref name="entry"/>; if the shared tier cannot take it now, it publishes it later from those files.
    /// </summary>
    void Publish(in SharedEntry entry, EntryPaths written);

    /// <summary>
    /// Records that the computation claimed for <paramref name="entry"/> threw <paramref name="failure"/>, so that every
    /// process waiting for it gets the failure; nothing is cached, and the next call computes again.
    /// </summary>
    void Fail(in SharedEntry entry, Exception failure);
}

/// <summary>The identity of an entry in a shared tier: the function's cache name, its code version and the key's stable hash.</summary>
/// <param name="Function">The cache name (<see cref="MemoizeAttribute.Name"/>).</param>
/// <param name="CodeVersion">The generated hash of the implementation; entries of other code are misses.</param>
/// <param name="KeyHash">The stable key hash.</param>
internal readonly record struct SharedEntry(string Function, string CodeVersion, MemoHash128 KeyHash);

/// <summary>
/// The outcome of <see cref="ISharedTier.Claim"/>: a held claim to dispose when done, or none because another holder
/// published, or none because another holder's computation failed.
/// </summary>
/// <param name="Lease">The claim, released by <see cref="IDisposable.Dispose"/>; <see langword="null"/> when another holder published or failed.</param>
/// <param name="Failure">The failure of the computation waited for, which the caller gets; <see langword="null"/> otherwise.</param>
internal readonly record struct SharedClaim(IDisposable? Lease, Exception? Failure = null)
{
    /// <summary>No claim: the holder the caller waited for published the entry.</summary>
    public static SharedClaim PublishedByAnother => default;

    /// <summary>No claim: the computation the caller waited for threw <paramref name="failure"/> in another process.</summary>
    public static SharedClaim FailedElsewhere(Exception failure) => new(null, failure);
}
