namespace MemoGen.Postgres;

/// <summary>What became of a result offered to the shared tier.</summary>
internal enum PublishOutcome
{
    /// <summary>This result is the entry now stored.</summary>
    Kept,

    /// <summary>Another result of the same key was stored first; it is the one served.</summary>
    AnotherKept,

    /// <summary>Not published: PostgreSQL was unavailable, or the claim's lock was lost (logged).</summary>
    Failed,
}
