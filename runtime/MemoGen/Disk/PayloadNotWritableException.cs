using System;

namespace MemoGen.Disk;

/// <summary>
/// A value that its format cannot write, or a result type it cannot read back: not a disk failure, so the store stays
/// writable; the function's values are kept in memory.
/// </summary>
internal sealed class PayloadNotWritableException : Exception
{
    /// <summary>Creates the exception with the serializer's or cacher's failure.</summary>
    public PayloadNotWritableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PayloadNotWritableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public PayloadNotWritableException()
    {
    }
}
