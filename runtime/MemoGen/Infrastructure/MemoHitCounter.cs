using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace MemoGen.Infrastructure;

/// <summary>
/// The hit count of one table, striped: each thread counts on a stripe of its own (threads take stripes in turn as they
/// first hit), each on a cache line of its own, so threads hitting the same entry at once do not write a shared line (a
/// counter in the entry made two threads' hits twice as slow as one thread's).
/// </summary>
/// <remarks>
/// The increment is a plain one: an atomic increment tripled the cost of a hit (7.8 ns against 2.7 ns for
/// <c>ConcurrentDictionary.GetOrAdd</c>). Counts are exact while at most 16 threads hit; beyond that, threads that
/// share a stripe may lose a few hits to each other. The sum never goes down.
/// </remarks>
internal readonly struct MemoHitCounter
{
    /// <summary>A power of two; processors beyond it share stripes.</summary>
    private const int Stripes = 16;

    /// <summary>Counters one cache line (64 bytes) apart; the first stripe starts a line past the array's header.</summary>
    private const int Stride = 8;

    private readonly long[] _counts;

    /// <summary>Creates a counter at zero.</summary>
    public MemoHitCounter()
    {
        _counts = new long[(Stripes + 1) * Stride];
    }

    /// <summary>The calling thread's stripe, plus one (0: not assigned yet).</summary>
    [ThreadStatic]
    private static int t_stripePlusOne;

    private static int s_threadsSeen;

    /// <summary>Counts one hit on the calling thread's stripe.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Increment()
    {
        int stripePlusOne = t_stripePlusOne;
        if (stripePlusOne == 0)
        {
            stripePlusOne = AssignStripe();
        }

        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_counts), stripePlusOne * Stride)++;
    }

    /// <summary>Gives the calling thread the next stripe in turn: the first 16 threads to hit get one each.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int AssignStripe() =>
        t_stripePlusOne = (Interlocked.Increment(ref s_threadsSeen) & (Stripes - 1)) + 1;

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
