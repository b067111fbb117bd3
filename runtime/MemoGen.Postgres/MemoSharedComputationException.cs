using System;

namespace MemoGen;

/// <summary>
/// The computation this call waited for failed in another process (or on another machine) sharing the PostgreSQL tier.
/// The failure is not cached: the next call computes again.
/// </summary>
public sealed class MemoSharedComputationException : Exception
{
    /// <summary>Creates the exception from the failure the computing process recorded.</summary>
    /// <param name="message">What failed, where.</param>
    public MemoSharedComputationException(string message)
        : base(message)
    {
    }
}
