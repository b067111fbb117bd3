using System;

namespace MemoGen;

/// <summary>
/// The computation this call waited for failed in another process (or on another machine) sharing the PostgreSQL tier.
/// It carries the original exception's type name and message, and where it was thrown. The failure is not cached: the
/// next call computes again.
/// </summary>
public sealed class MemoSharedComputationException : Exception
{
    /// <summary>Creates the exception from the failure the computing process recorded.</summary>
    /// <param name="entry">The entry whose computation failed, as the logs name it.</param>
    /// <param name="errorType">The full name of the original exception's type.</param>
    /// <param name="errorMessage">The original exception's message.</param>
    /// <param name="host">The machine that computed.</param>
    /// <param name="processId">The process that computed.</param>
    public MemoSharedComputationException(string entry, string errorType, string errorMessage, string host, int processId)
        : base($"The computation of {entry} failed in another process ({host}, process {processId}): {errorType}: {errorMessage}")
    {
        ErrorType = errorType;
        ErrorMessage = errorMessage;
        Host = host;
        ProcessId = processId;
    }

    /// <summary>The full name of the original exception's type, such as <c>System.InvalidOperationException</c>.</summary>
    public string ErrorType { get; }

    /// <summary>The original exception's message.</summary>
    public string ErrorMessage { get; }

    /// <summary>The machine on which the computation failed.</summary>
    public string Host { get; }

    /// <summary>The id of the process in which the computation failed.</summary>
    public int ProcessId { get; }
}
