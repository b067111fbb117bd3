using System;
using System.ComponentModel;

namespace MemoGen.Infrastructure;

/// <summary>
/// The digest of one key component of a scalar type (docs/key-hash.md): a generated key writes one digest per
/// component, and these overloads mirror <see cref="MemoHasher"/>'s so that every key shares them instead of
/// declaring its own.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MemoDigest
{
    /// <summary>The digest of one <c>bool</c>.</summary>
    public static MemoHash128 Of(bool value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>sbyte</c>.</summary>
    public static MemoHash128 Of(sbyte value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>byte</c>.</summary>
    public static MemoHash128 Of(byte value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>short</c>.</summary>
    public static MemoHash128 Of(short value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>ushort</c>.</summary>
    public static MemoHash128 Of(ushort value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>int</c>.</summary>
    public static MemoHash128 Of(int value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>uint</c>.</summary>
    public static MemoHash128 Of(uint value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>long</c>.</summary>
    public static MemoHash128 Of(long value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>ulong</c>.</summary>
    public static MemoHash128 Of(ulong value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>char</c>.</summary>
    public static MemoHash128 Of(char value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>float</c>.</summary>
    public static MemoHash128 Of(float value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>double</c>.</summary>
    public static MemoHash128 Of(double value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>decimal</c>.</summary>
    public static MemoHash128 Of(decimal value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>string</c>.</summary>
    public static MemoHash128 Of(string? value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>DateTime</c>.</summary>
    public static MemoHash128 Of(DateTime value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>DateTimeOffset</c>.</summary>
    public static MemoHash128 Of(DateTimeOffset value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>TimeSpan</c>.</summary>
    public static MemoHash128 Of(TimeSpan value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>Guid</c>.</summary>
    public static MemoHash128 Of(Guid value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>MemoHash128</c>.</summary>
    public static MemoHash128 Of(MemoHash128 value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>DateOnly</c>.</summary>
    public static MemoHash128 Of(DateOnly value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }

    /// <summary>The digest of one <c>TimeOnly</c>.</summary>
    public static MemoHash128 Of(TimeOnly value)
    {
        var hasher = new MemoHasher();
        hasher.Write(value);
        return hasher.Finish();
    }
}
