using System;
using System.ComponentModel;

namespace MemoGen.Infrastructure;

/// <summary>A generated cache key: in-process equality and hash code, plus the stable hash for tiers beyond memory.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IMemoKey<TSelf> : IEquatable<TSelf>
    where TSelf : struct, IMemoKey<TSelf>
{
    /// <summary>Writes the key's canonical encoding (docs/key-hash.md) into <paramref name="hasher"/>.</summary>
    void WriteStableHash(ref MemoHasher hasher);
}
