using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace MemoGen.Infrastructure;

/// <summary>
/// The hit count of one table, exact and striped: a hit atomically increments the counter of the stripe of the
/// processor it runs on, each stripe on a cache line of its own, so threads hitting the same entry at once rarely
/// write a shared line (a counter in the entry made two threads' hits twice as slow as one thread's). No increment is
/// lost, and the sum never goes down.
/// </summary>
internal readonly struct MemoHitCounter
{
    /// <summary>A power of two; processors beyond it share stripes, which costs contention, never counts.</summary>
    private const int Stripes = 16;

    /// <summary>Counters one cache line (64 bytes) apart; the first stripe starts a line past the array's header.</summary>
    private const int Stride = 8;

    private readonly long[] _counts;

    /// <summary>Creates a counter at zero.</summary>
    public MemoHitCounter()
    {
        _counts = new long[(Stripes + 1) * Stride];
    }

    /// <summary>Counts one hit on the current processor's stripe.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Increment()
    {
        // The runtime caches the processor id per thread and refreshes it now and then: cheap, and a thread that
        // moved meanwhile only shares a stripe for a while, which the atomic increment makes harmless.
        int stripe = Thread.GetCurrentProcessorId() & (Stripes - 1);
        Interlocked.Increment(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_counts), (stripe + 1) * Stride));
    }

    /// <summary>The hits counted so far, on every stripe.</summary>
    public long Sum()
    {
        long sum = 0;
        for (int stripe = 1; stripe <= Stripes; stripe++)
        {
            sum += Volatile.Read(ref _counts[stripe * Stride]);
        }

        return sum;
    }
}
