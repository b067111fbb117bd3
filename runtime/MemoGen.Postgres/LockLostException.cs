using System;

namespace MemoGen.Postgres;

/// <summary>The lock session of a claim ended (killed, cut, server restarted): its lock is gone and it must not publish.</summary>
internal sealed class LockLostException : Exception
{
    public LockLostException()
        : base("The PostgreSQL session holding the computation's lock ended; another worker may have taken over.")
    {
    }

    public LockLostException(Exception cause)
        : base($"The PostgreSQL session holding the computation's lock ended ({cause.Message}); another worker may have taken over.", cause)
    {
    }
}
