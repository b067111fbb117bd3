namespace MemoGen.Infrastructure;

/// <summary>
/// The <c>"lazy"</c> policy (curifactory's Lazy): a result written to disk is kept in memory only through a weak
/// handle, and the next call recalls it from the handle or reloads it from disk.
/// </summary>
public sealed partial class MemoTable<TKey, TResult>
{
    /// <summary>Keeps only a weak handle on a lazy result, removes its cell, and hands the result to the waiters.</summary>
    private void PublishWeakly(MemoHash128 hash, MemoCell<TKey, TResult> cell, MemoFlight<TResult> flight, TResult result, Disk.WrittenEntry? written)
    {
        // The handle goes in first, so that a lookup arriving once the cell is gone finds it.
        _disk!.HoldWeakly(hash, result);
        if (_entries.Remove(cell))
        {
            cell.MarkRemoved();
        }
        else
        {
            // Invalidated while it was computed or written.
            _disk.ForgetWeakly(hash);
            if (written is not null)
            {
                _disk.Undo(written);
            }
        }

        flight.SetResult(result);
    }

    /// <summary>Replaces whatever memory holds for a recomputed lazy result (written to disk) by a weak handle.</summary>
    private void StoreRecomputedWeakly(TKey key, MemoHash128 hash, TResult result)
    {
        Forget(key, hash);
        _disk!.HoldWeakly(hash, result);
    }
}
