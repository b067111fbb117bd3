namespace MemoGen.Infrastructure;

/// <summary>
/// The <c>"lazy"</c> policy (curifactory's Lazy): a result written to disk is kept in memory only through a weak
/// handle, and the next call recalls it from the handle or reloads it from disk.
/// </summary>
public sealed partial class MemoTable<TKey, TResult>
{
    /// <summary>Replaces whatever memory holds for a recomputed lazy result (written to disk) by a weak handle.</summary>
    private void StoreRecomputedWeakly(TKey key, MemoHash128 hash, TResult result)
    {
        Forget(key, hash);
        _disk!.HoldWeakly(hash, result);
    }
}
