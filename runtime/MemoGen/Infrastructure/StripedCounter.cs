using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace MemoGen.Infrastructure;

/// <summary>
/// A counter that many threads can increment without writing one shared cache line: each processor increments its
/// own padded slot, and <see cref="Read"/> adds the slots up.
/// </summary>
/// <remarks>
/// Increments are plain read-modify-writes, not <see cref="Interlocked"/> ones: two threads that share a slot (the
/// processor id is cached per thread and can be stale, and there are at most <see cref="MaxStripes"/> slots) can
/// lose an increment. The count can therefore under-count under contention; it never over-counts. Counts made by a
/// single thread are exact.
/// <para>
/// Measured on a whole hit (TableIn + TryGetValue, 2-core x64, best of 7 runs): about 8.3 ns without counting, 11.3 ns
/// with it (ConcurrentDictionary.GetOrAdd: 5.3 ns). Choosing the slot by processor id costs about 1 ns more than a
/// thread-static slot number, and about 1.7 ns more than hashing the stack address; both cheaper choices let two
/// threads running at once share a slot more often.
/// </para>
/// <para>
/// A struct, so that the table holds the slots directly: one dependent load fewer on the hit path. Its default value
/// has no slots; create it with the constructor.
/// </para>
/// </remarks>
internal readonly struct StripedCounter
{
    /// <summary>More slots cost memory per table for little gain: 32 processors rarely hit one table at once.</summary>
    internal const int MaxStripes = 32;

    /// <summary>128 bytes between slots: a cache line, and its neighbour that x64 and Arm64 prefetch with it.</summary>
    private const int SlotStride = 128 / sizeof(long);

    private readonly long[] _slots;
    private readonly int _stripeMask;

    /// <summary>Creates a counter with a slot per processor, up to <see cref="MaxStripes"/>.</summary>
    public StripedCounter(int processorCount)
    {
        int stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(processorCount, 1, MaxStripes));
        _stripeMask = stripes - 1;

        // Slot i lives at (i + 1) * SlotStride: the first stride is left empty so that no slot shares a line with the
        // array's length, which every increment reads.
        _slots = new long[(stripes + 1) * SlotStride];
    }

    /// <summary>Adds one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Increment()
    {
        int offset = ((Thread.GetCurrentProcessorId() & _stripeMask) + 1) * SlotStride;
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), offset)++;
    }

    /// <summary>The sum of every slot.</summary>
    public long Read()
    {
        long sum = 0;
        for (int offset = SlotStride; offset < _slots.Length; offset += SlotStride)
        {
            sum += Volatile.Read(ref _slots[offset]);
        }

        return sum;
    }
}
