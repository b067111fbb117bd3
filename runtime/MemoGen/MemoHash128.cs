using System;

namespace MemoGen;

/// <summary>A 128-bit stable key hash: the same value in every process, machine and .NET version (see docs/key-hash.md).</summary>
public readonly struct MemoHash128 : IEquatable<MemoHash128>
{
    /// <summary>Creates a hash from its two halves.</summary>
    public MemoHash128(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    /// <summary>The first 64 bits.</summary>
    public ulong High { get; }

    /// <summary>The last 64 bits.</summary>
    public ulong Low { get; }

    /// <inheritdoc />
    public bool Equals(MemoHash128 other) => High == other.High && Low == other.Low;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MemoHash128 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (int)Low ^ (int)(Low >> 32);

    /// <summary>32 lowercase hex digits, <see cref="High"/> first: the name the disk store gives an entry.</summary>
    public override string ToString()
    {
        // Digit by digit rather than an interpolated string or Convert's vectorized hex, whose first uses cost a first
        // disk hit (which names its entry with this) more than the whole loop: the shared array pool's setup, or compiling.
        Span<char> digits = stackalloc char[32];
        WriteHex(digits[..16], High);
        WriteHex(digits[16..], Low);
        return new string(digits);
    }

    /// <summary>Compares two hashes.</summary>
    public static bool operator ==(MemoHash128 left, MemoHash128 right) => left.Equals(right);

    /// <summary>Compares two hashes.</summary>
    public static bool operator !=(MemoHash128 left, MemoHash128 right) => !left.Equals(right);

    private static void WriteHex(Span<char> digits, ulong value)
    {
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = "0123456789abcdef"[(int)(value & 0xF)];
            value >>= 4;
        }
    }
}
