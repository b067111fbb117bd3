using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace MemoGen.Infrastructure;

/// <summary>
/// The hit count of one table, striped: a hit increments the counter of the stripe its thread's stack maps to, each on
/// a cache line of its own, so threads hitting the same entry at once rarely write a shared line (a counter in the
/// entry made two threads' hits twice as slow as one thread's). Two threads whose stacks map to one stripe may lose a
/// few counts to their plain increments.
/// </summary>
internal readonly struct MemoHitCounter
{
    private const int Stripes = 16;

    /// <summary>Counters one cache line (64 bytes) apart; the first stripe starts a line past the array's header.</summary>
    private const int Stride = 8;

    private readonly long[] _counts;

    /// <summary>Creates a counter at zero.</summary>
    public MemoHitCounter()
    {
        _counts = new long[(Stripes + 1) * Stride];
    }

    /// <summary>Counts one hit on the calling thread's stripe.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Increment()
    {
        // Threads run on stacks of their own, so the address of a local tells them apart with no thread-local storage
        // (whose access is a call on Linux): each 64 KiB of stack maps to a stripe, by Fibonacci hashing.
        byte marker = 0;
        int stripe = (int)((((ulong)&marker >> 16) * 0x9E3779B97F4A7C15UL) >> 60);
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_counts), (stripe + 1) * Stride)++;
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
