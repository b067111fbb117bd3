using System;

namespace MemoGen.Infrastructure;

/// <summary>
/// Single flight's typed shell: finding or adding the key's cell. Joining, waiting and failing work on the cell base
/// (<see cref="MemoTable{TResult}"/>).
/// </summary>
public sealed partial class MemoTable<TKey, TResult>
{
    /// <summary>
    /// Finds the key's cell and joins it, or adds a new cell whose flight the caller then runs
    /// (<see cref="MemoTable{TResult}.JoinOutcome.Started"/>), with the key's stable <paramref name="hash"/> when a tier
    /// beyond memory addresses entries by it. Rethrows, after failing the flight, only for a key whose stable hash throws.
    /// </summary>
    private JoinOutcome JoinOrStart(
        in TKey key, bool asynchronous, out MemoCell<TKey, TResult> cell, out MemoFlight<TResult> flight, out MemoHash128 hash)
    {
        hash = default;
        while (true)
        {
            // FindOr rather than Find: one method fewer for a function's first call to compile.
            if (_entries.FindOr(key, null) is { } found)
            {
                JoinOutcome outcome = Join(found, out MemoFlight<TResult>? joined);
                if (outcome != JoinOutcome.Retry)
                {
                    cell = found;
                    flight = joined!;
                    return outcome;
                }

                continue;
            }

            flight = asynchronous ? MemoFlight<TResult>.ForAsynchronousComputation() : MemoFlight<TResult>.ForSynchronousComputation();
            cell = new MemoCell<TKey, TResult>(key, key.GetHashCode(), flight);
            if (!_entries.Slots.TryAdd(cell))
            {
                continue;
            }

            try
            {
                // MemoKeyHash.Of's body, here rather than called: one method fewer per key type on a first call.
                if (_disk is not null)
                {
                    var hasher = new MemoHasher();
                    key.WriteStableHash(ref hasher);
                    hash = hasher.Finish();
                }
            }
            catch (Exception exception)
            {
                flight.ReleaseOwnerThread();
                Fail(cell, flight, exception);
                throw;
            }

            return JoinOutcome.Started;
        }
    }
}
