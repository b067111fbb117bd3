namespace MemoGen.Sweeps;

/// <summary>What a table reported to a <see cref="SweepCallListener"/>.</summary>
internal enum SweepCallReport
{
    /// <summary>Nothing: the call was answered from memory, or joined another caller's computation, or reached no table.</summary>
    None,

    /// <summary>The result of a memory miss was loaded from a store (disk, the shared tier).</summary>
    Loaded,

    /// <summary>The result of a memory miss was computed.</summary>
    Computed,
}
