namespace MemoGen.Disk;

/// <summary>How the disk tier answered a memory miss.</summary>
internal enum LoadOutcome
{
    /// <summary>No usable entry: the value must be computed.</summary>
    Missed,

    /// <summary>A <c>"lazy"</c> result was still alive behind its weak handle: a memory hit.</summary>
    Recalled,

    /// <summary>Read (or mapped) from disk.</summary>
    Loaded,
}
