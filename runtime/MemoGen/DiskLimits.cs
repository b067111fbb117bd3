using System;

namespace MemoGen;

/// <summary>
/// Bounds on the whole disk store (every function in <see cref="MemoOptions.CacheDirectory"/>), applied by
/// <see cref="MemoContext.PruneDisk"/> and automatically after a context has written a tenth of a bound. Entries are
/// removed least recently used first. <see langword="null"/> means unbounded.
/// </summary>
/// <param name="MaxBytes">The most bytes of payload and metadata kept.</param>
/// <param name="MaxEntries">The most entries kept.</param>
/// <param name="MaxAge">Entries not used for longer than this are removed.</param>
public sealed record DiskLimits(long? MaxBytes = null, long? MaxEntries = null, TimeSpan? MaxAge = null)
{
    /// <summary>No bound (the default).</summary>
    public static DiskLimits Unbounded { get; } = new();

    internal bool IsBounded => MaxBytes is not null || MaxEntries is not null || MaxAge is not null;
}
