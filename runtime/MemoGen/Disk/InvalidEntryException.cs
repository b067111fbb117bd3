using System;

namespace MemoGen.Disk;

/// <summary>
/// An entry on disk that cannot be used: bad metadata, a header that does not check, a payload of the wrong length or
/// checksum. Never reaches a caller: the store logs it, removes the entry and computes the value again.
/// </summary>
internal sealed class InvalidEntryException : Exception
{
    /// <summary>Creates the exception; <paramref name="reason"/> completes "the entry is bad: ...".</summary>
    public InvalidEntryException(string reason)
        : base(reason)
    {
    }

    /// <summary>Creates the exception with the failure that revealed the problem.</summary>
    public InvalidEntryException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }

    /// <summary>Creates the exception without a reason.</summary>
    public InvalidEntryException()
    {
    }
}
