using System;
using MemoGen.Infrastructure;

namespace MemoGen.RuntimeTests.Support;

/// <summary>A hand-written key of one <see cref="int"/>, standing in for a generated one.</summary>
public readonly struct IntKey(int value) : IMemoKey<IntKey>
{
    public int Value { get; } = value;

    public bool Equals(IntKey other) => Value == other.Value;

    public override bool Equals(object? obj) => obj is IntKey other && Equals(other);

    public override int GetHashCode() => Value;

    public void WriteStableHash(ref MemoHasher hasher)
    {
    }

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
