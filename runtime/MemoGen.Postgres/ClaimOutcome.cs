namespace MemoGen.Postgres;

/// <summary>
/// What <see cref="PostgresStore.Claim"/> found: an entry to read, a claim to compute under, or neither (PostgreSQL is
/// unavailable: compute locally).
/// </summary>
internal readonly record struct ClaimOutcome(StoredEntry? Entry, ComputationClaim? Claim)
{
    /// <summary>PostgreSQL could not be used; the caller computes locally (the reason is logged once).</summary>
    public static ClaimOutcome Unavailable => default;

    /// <summary>Whether neither an entry nor a claim came back.</summary>
    public bool IsUnavailable => Entry is null && Claim is null;
}
