namespace MemoGen.Infrastructure;

/// <summary>
/// The <c>"lazy"</c> policy (curifactory's Lazy): a result written to disk is kept in memory only through a weak
/// handle, and the next call recalls it from the handle or reloads it from disk.
/// </summary>
public sealed partial class MemoTable<TKey, TResult>
{
    /// <summary>Publishes a result the disk tier gave: kept in memory, or (lazy) only weakly.</summary>
    private void PublishLoaded(TKey key, MemoCell<TKey, TResult> cell, MemoFlight<TResult> flight, TResult value, bool cacheTask)
    {
        if (_disk!.IsLazy)
        {
            PublishWeakly(key, cell, flight, value, written: null);
        }
        else
        {
            Complete(cell, flight, value, cacheTask);
        }
    }

    /// <summary>Keeps only a weak handle on a lazy result, removes its cell, and hands the result to the waiters.</summary>
    private void PublishWeakly(TKey key, MemoCell<TKey, TResult> cell, MemoFlight<TResult> flight, TResult result, Disk.WrittenEntry? written)
    {
        // The handle goes in first, so that a lookup arriving once the cell is gone finds it.
        _disk!.HoldWeakly(key, result);
        if (_entries.Remove(cell))
        {
            cell.MarkRemoved();
        }
        else
        {
            // Invalidated while it was computed or written.
            _disk.ForgetWeakly(key);
            if (written is not null)
            {
                _disk.Undo(written);
            }
        }

        flight.SetResult(result);
    }

    /// <summary>Replaces whatever memory holds for a recomputed lazy result (written to disk) by a weak handle.</summary>
    private void StoreRecomputedWeakly(TKey key, TResult result)
    {
        if (_entries.Remove(key) is { } previous)
        {
            Discount(previous);
        }

        _disk!.HoldWeakly(key, result);
    }
}
