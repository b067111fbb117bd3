using System;
using MemoGen.Infrastructure;

namespace MemoGen.RuntimeTests.Support;

/// <summary>A hand-written key of two <see cref="int"/>s, shaped like the one generated for <c>Add(int a, int b)</c>.</summary>
public readonly struct IntPairKey(int first, int second) : IMemoKey<IntPairKey>
{
    public int First { get; } = first;

    public int Second { get; } = second;

    public bool Equals(IntPairKey other) => First == other.First && Second == other.Second;

    public override bool Equals(object? obj) => obj is IntPairKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(First, Second);

    public void WriteStableHash(ref MemoHasher hasher)
    {
    }
}
