namespace MemoGen;

/// <summary>Bounds on one function's in-memory tier. <see langword="null"/> means unbounded.</summary>
/// <param name="MaxEntries">The most entries kept; least recently used entries are evicted past it.</param>
/// <param name="MaxBytes">The most estimated bytes kept; least recently used entries are evicted past it.</param>
public sealed record MemoryLimits(long? MaxEntries = null, long? MaxBytes = null)
{
    /// <summary>No bound: every result is kept until cleared (the default).</summary>
    public static MemoryLimits Unbounded { get; } = new();
}
