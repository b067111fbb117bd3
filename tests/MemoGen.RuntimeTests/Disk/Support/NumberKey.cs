using System;
using System.Threading;
using MemoGen.Infrastructure;

namespace MemoGen.RuntimeTests.Disk.Support;

/// <summary>A hand-written key of one <see cref="int"/> with a real stable hash, shaped like a generated key.</summary>
public readonly struct NumberKey(int value) : IMemoKey<NumberKey>
{
    private static int s_describeCount;

    public int Value { get; } = value;

    /// <summary>How many times a key was turned into text: the disk store's call descriptions use it.</summary>
    public static int DescribeCount => Volatile.Read(ref s_describeCount);

    public bool Equals(NumberKey other) => Value == other.Value;

    public override bool Equals(object? obj) => obj is NumberKey other && Equals(other);

    public override int GetHashCode() => Value;

    public void WriteStableHash(ref MemoHasher hasher)
    {
        var digest = new MemoHasher();
        digest.Write(Value);
        hasher.Write(digest.Finish());
    }

    public override string ToString()
    {
        Interlocked.Increment(ref s_describeCount);
        return "n=" + Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
