using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace MemoGen.ReliabilityTests.Subjects;

/// <summary>A small result, stored as JSON.</summary>
public sealed record SmallValue(int Key, string Text, long Check);

/// <summary>
/// Disk-tagged memoized methods whose results are deterministic functions of the key, compiled into the tests and
/// into the child process, so any process can recompute a value and compare it with what it read.
/// </summary>
public sealed partial class Lab(MemoOptions options) : MemoContext(options)
{
    /// <summary>The length of a big result: 8 Mi longs, 64 MiB.</summary>
    public const int BigLength = 8 * 1024 * 1024;

    /// <summary>The length of a medium result: 256 Ki longs, 2 MiB.</summary>
    public const int MediumLength = 256 * 1024;

    private readonly ConcurrentDictionary<(string, int), int> _computations = new();
    private int _total;

    /// <summary>How many times any implementation ran in this context.</summary>
    public int Computations => Volatile.Read(ref _total);

    /// <summary>How many times <paramref name="function"/> ran for <paramref name="key"/> in this context.</summary>
    public int ComputationsOf(string function, int key) => _computations.GetValueOrDefault((function, key));

    [Memoize(Name = "rel_small", Tags = new[] { "disk" })]
    public partial SmallValue Small(int key);

    private SmallValue SmallCore(int key)
    {
        Count("small", key);
        return Workload.Small(key);
    }

    [Memoize(Name = "rel_big", Tags = new[] { "disk" })]
    public partial ReadOnlyMemory<long> Big(int key);

    private long[] BigCore(int key)
    {
        Count("big", key);
        return Workload.Array(key, BigLength);
    }

    [Memoize(Name = "rel_medium", Tags = new[] { "disk" })]
    public partial ReadOnlyMemory<long> Medium(int key);

    private long[] MediumCore(int key)
    {
        Count("medium", key);
        return Workload.Array(key, MediumLength);
    }

    private void Count(string function, int key)
    {
        Interlocked.Increment(ref _total);
        _computations.AddOrUpdate((function, key), 1, static (_, n) => n + 1);
    }
}

/// <summary>The values of <see cref="Lab"/>'s methods, and how to check them.</summary>
public static class Workload
{
    /// <summary>SplitMix64: a different, well-mixed 64-bit value for every input.</summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>Element <paramref name="index"/> of the array of <paramref name="key"/>: a generator seeded by the key.</summary>
    public static long Element(int key, long index) => (long)Mix(((ulong)(uint)key << 36) ^ (ulong)index);

    /// <summary>The array of <paramref name="key"/>.</summary>
    public static long[] Array(int key, int length)
    {
        var values = new long[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Element(key, i);
        }

        return values;
    }

    /// <summary>The small value of <paramref name="key"/>.</summary>
    public static SmallValue Small(int key) =>
        new(key, "small-" + key.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Mix((ulong)key).ToString("x16", System.Globalization.CultureInfo.InvariantCulture), (long)Mix((ulong)key ^ 0xABCDEFUL));

    /// <summary>Why <paramref name="values"/> is not the array of <paramref name="key"/>, or null if it is (every element compared).</summary>
    public static string? Mismatch(int key, ReadOnlySpan<long> values, int length)
    {
        if (values.Length != length)
        {
            return $"length {values.Length}, not {length}";
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != Element(key, i))
            {
                return $"element {i} is {values[i]}, not {Element(key, i)}";
            }
        }

        return null;
    }
}
