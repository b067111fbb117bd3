using System.ComponentModel;

namespace MemoGen.Infrastructure;

/// <summary>Computes a key's stable hash: what the disk and distributed tiers address entries by.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MemoKeyHash
{
    /// <summary>The stable hash of <paramref name="key"/> (docs/key-hash.md).</summary>
    public static MemoHash128 Of<TKey>(in TKey key)
        where TKey : struct, IMemoKey<TKey>
    {
        var hasher = new MemoHasher();
        key.WriteStableHash(ref hasher);
        return hasher.Finish();
    }
}
