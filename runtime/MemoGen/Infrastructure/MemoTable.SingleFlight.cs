using System;
using System.Threading;
using System.Threading.Tasks;

namespace MemoGen.Infrastructure;

/// <summary>Single flight: one caller per key computes, the others join its flight and get its result or exception.</summary>
public sealed partial class MemoTable<TKey, TResult>
{
    /// <summary>
    /// Finds the key's cell and joins it, or adds a new cell whose flight the caller then runs
    /// (<see cref="JoinOutcome.Started"/>).
    /// </summary>
    private JoinOutcome JoinOrStart(in TKey key, bool asynchronous, out MemoCell<TKey, TResult> cell, out MemoFlight<TResult> flight)
    {
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
            cell = new MemoCell<TKey, TResult>(key, flight);
            if (_entries.TryAdd(cell))
            {
                return JoinOutcome.Started;
            }
        }
    }

    /// <summary>
    /// Handles a lookup that found <paramref name="cell"/>: a completed result (a hit), or a running computation that
    /// the caller joins (also a hit: the caller does not compute).
    /// </summary>
    private JoinOutcome Join(MemoCell<TKey, TResult> cell, out MemoFlight<TResult>? flight)
    {
        flight = null;
        if (cell.IsCompleted)
        {
            RecordHit(cell);
            return JoinOutcome.Completed;
        }

        flight = cell.Flight;
        if (flight is null)
        {
            // The cell completed between the two reads.
            return JoinOutcome.Retry;
        }

        if (flight.IsCalledFromItsComputation)
        {
            return JoinOutcome.Reentrant;
        }

        if (!flight.TryJoin())
        {
            // Every caller of that computation cancelled: it is being dropped. Start a new one rather than inherit a
            // cancellation this caller did not ask for.
            Remove(cell);
            return JoinOutcome.Retry;
        }

        _hits.Increment();
        return JoinOutcome.Joined;
    }

    private InvalidOperationException ReentrantCall() => new(
        $"The memoized function '{_function.Name}' was called from inside its own computation with the same "
        + "arguments. Waiting for that computation would wait forever; break the recursion, or make the inner call "
        + "with different arguments.");

    private async ValueTask<TResult> WaitAsync(
        MemoCell<TKey, TResult> cell,
        MemoFlight<TResult> flight,
        CancellationToken cancellationToken)
    {
        Task<TResult> shared = flight.AsTask();
        if (!cancellationToken.CanBeCanceled || shared.IsCompleted)
        {
            return await shared.ConfigureAwait(false);
        }

        try
        {
            return await shared.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !shared.IsCompleted)
        {
            if (flight.Leave())
            {
                // This was the last caller: drop the entry first, so that the next lookup starts afresh, then stop
                // the computation. Cancellation is never cached.
                Remove(cell);
                flight.CancelComputation();
            }

            throw;
        }
    }

    /// <summary>Drops a failed computation's entry, so the next lookup computes again, then hands the exception to its waiters.</summary>
    private void Fail(MemoCell<TKey, TResult> cell, MemoFlight<TResult> flight, Exception exception)
    {
        try
        {
            Remove(cell);
        }
        finally
        {
            flight.SetException(exception);
        }
    }

    private enum JoinOutcome
    {
        /// <summary>The caller added the cell: it runs the flight.</summary>
        Started,

        /// <summary>The cell holds its result.</summary>
        Completed,

        /// <summary>The caller joined the cell's running computation.</summary>
        Joined,

        /// <summary>The caller is that computation itself: waiting would never end.</summary>
        Reentrant,

        /// <summary>The cell changed under the caller: look the key up again.</summary>
        Retry,
    }
}
