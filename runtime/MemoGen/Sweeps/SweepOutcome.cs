namespace MemoGen.Sweeps;

/// <summary>What became of one point of a sweep.</summary>
public enum SweepOutcome
{
    /// <summary>Not run: the sweep stopped at an earlier failure.</summary>
    NotRun,

    /// <summary>Answered from the cache (memory or disk) without computing.</summary>
    Cached,

    /// <summary>Computed (it was not cached, or it was forced to recompute) and stored.</summary>
    Computed,

    /// <summary>The computation threw; <see cref="SweepResult{TResult}.Error"/> holds the exception.</summary>
    Failed,
}
