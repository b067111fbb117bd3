namespace MemoGen;

/// <summary>
/// The explicit hashing protocol: a type that implements it writes its identity into a <see cref="MemoHasher"/>,
/// and two values that write the same sequence are the same cache key.
/// </summary>
public interface IMemoHashable
{
    /// <summary>Writes everything that identifies this value, in a fixed order.</summary>
    void WriteMemoHash(ref MemoHasher hasher);
}
