using System;
using System.Threading;
using System.Threading.Tasks;

namespace MemoGen.Infrastructure;

/// <summary>Single flight over the cell base: joining a running computation, waiting for it, failing it.</summary>
public abstract partial class MemoTable<TResult>
{
    /// <summary>
    /// Handles a lookup that found <paramref name="cell"/>: a completed result (a hit), or a running computation that
    /// the caller joins (also a hit: the caller does not compute).
    /// </summary>
    private protected JoinOutcome Join(MemoCell<TResult> cell, out MemoFlight<TResult>? flight)
    {
        flight = null;
        if (cell.IsCompleted)
        {
            _counters.Hits.Increment();
            if (!cell.IsPlainHit)
            {
                TouchForEviction(cell);
            }

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

        _counters.Hits.Increment();
        return JoinOutcome.Joined;
    }

    private protected InvalidOperationException ReentrantCall() => new(
        $"The memoized function '{_function.Name}' was called from inside its own computation with the same "
        + "arguments. Waiting for that computation would wait forever; break the recursion, or make the inner call "
        + "with different arguments.");

    private protected async ValueTask<TResult> WaitAsync(
        MemoCell<TResult> cell,
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
    private protected void Fail(MemoCell<TResult> cell, MemoFlight<TResult> flight, Exception exception)
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

    private protected enum JoinOutcome
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
