namespace MemoGen.Postgres;

/// <summary>What an attempt to claim a key saw, besides whether it took the lock.</summary>
/// <param name="Entry">The key's entry, if either look found one.</param>
/// <param name="FailureBefore">The id of the key's latest recorded failure before the lock was tried (0 for none).</param>
/// <param name="FailureAfter">The same, after the lock was tried: higher when the holder's computation failed meanwhile.</param>
internal readonly record struct ClaimAttempt(StoredEntry? Entry, long FailureBefore, long FailureAfter);
