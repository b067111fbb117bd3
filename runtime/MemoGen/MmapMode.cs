namespace MemoGen;

/// <summary>How the disk store hands out raw payloads it finds on disk (joblib's <c>mmap_mode</c>).</summary>
public enum MmapMode
{
    /// <summary>Read the payload into memory (checksum verified). The default.</summary>
    None = 0,

    /// <summary>
    /// A <see cref="System.ReadOnlyMemory{T}"/> result of unmanaged elements is a view of the memory-mapped file,
    /// returned without reading it; the mapping is released once the memory is unreachable. Results of other types
    /// (arrays, <c>ImmutableArray&lt;T&gt;</c>, serialized values) are read into memory as with <see cref="None"/>,
    /// since they must live on the managed heap.
    /// </summary>
    ReadOnly = 1,
}
