using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace MemoGen.Infrastructure;

/// <summary>
/// A computation in progress and the callers waiting for it (single-flight): one caller computes, the others join and
/// receive the same result or the same exception.
/// </summary>
/// <remarks>
/// State changes take a lock on the flight itself: they happen on the miss path only, and an internal object
/// nobody else can lock on keeps the flight to one allocation. The task that waiters await is created only when a
/// caller has to wait.
/// </remarks>
internal sealed class MemoFlight<TResult>
{
    private const int Abandoned = -1;

    private readonly CancellationTokenSource? _cancellation;
    private int _ownerThreadId;

    // Callers that still want the result, the one that started the flight included; Abandoned once they all cancelled.
    private int _callers = 1;
    private bool _isDone;
    private TResult _result = default!;
    private ExceptionDispatchInfo? _failure;
    private TaskCompletionSource<TResult>? _completion;

    private MemoFlight(int ownerThreadId, CancellationTokenSource? cancellation)
    {
        _ownerThreadId = ownerThreadId;
        _cancellation = cancellation;
    }

    /// <summary>The token handed to an asynchronous computation: cancelled once every caller has cancelled.</summary>
    public CancellationToken CancellationToken => _cancellation?.Token ?? CancellationToken.None;

    /// <summary>
    /// Whether the current caller is inside this flight's own computation, so that waiting for it would deadlock:
    /// the thread running a synchronous computation, or the asynchronous flow of an asynchronous one.
    /// </summary>
    public bool IsCalledFromItsComputation =>
        Volatile.Read(ref _ownerThreadId) == Environment.CurrentManagedThreadId || MemoComputationScope.IsInside(this);

    /// <summary>A flight whose synchronous computation runs on the current thread.</summary>
    public static MemoFlight<TResult> ForSynchronousComputation() => new(Environment.CurrentManagedThreadId, null);

    /// <summary>A flight whose asynchronous computation gets a token that only the cancellation of every caller cancels.</summary>
    public static MemoFlight<TResult> ForAsynchronousComputation() => new(0, new CancellationTokenSource());

    /// <summary>Called when the synchronous computation returned or threw: its thread no longer blocks the flight.</summary>
    public void ReleaseOwnerThread() => Volatile.Write(ref _ownerThreadId, 0);

    /// <summary>Adds a caller to the flight; fails if the flight was abandoned (then the caller must start a new one).</summary>
    public bool TryJoin()
    {
        lock (this)
        {
            if (_callers == Abandoned)
            {
                return false;
            }

            _callers++;
            return true;
        }
    }

    /// <summary>
    /// Removes a caller that stopped waiting because its own token was cancelled. Returns <see langword="true"/> if
    /// it was the last caller of an unfinished flight: the flight is then abandoned, and no caller can join it.
    /// </summary>
    public bool Leave()
    {
        lock (this)
        {
            if (_isDone || _callers == Abandoned || --_callers > 0)
            {
                return false;
            }

            _callers = Abandoned;
            return true;
        }
    }

    /// <summary>How many callers still wait for the flight, its starter included (for tests).</summary>
    public int CountCallers()
    {
        lock (this)
        {
            return _isDone ? 0 : Math.Max(_callers, 0);
        }
    }

    /// <summary>Cancels the computation's token: called once, after the flight was abandoned.</summary>
    public void CancelComputation()
    {
        try
        {
            _cancellation?.Cancel();
        }
        catch (AggregateException)
        {
            // A callback the computation registered threw. Nobody waits for this computation any more, and the caller
            // that cancelled last must get its OperationCanceledException, not someone else's failure.
        }
    }

    /// <summary>The result or failure, as a task. Completed tasks are created on demand; otherwise the shared one.</summary>
    public Task<TResult> AsTask()
    {
        lock (this)
        {
            if (_isDone)
            {
                return _failure is null ? Task.FromResult(_result) : Task.FromException<TResult>(_failure.SourceException);
            }

            // Continuations run asynchronously, so that completing the flight never runs a waiter's code on the
            // computing thread. Blocking waiters (Wait) are still woken directly.
            _completion ??= new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _completion.Task;
        }
    }

    /// <summary>Blocks until the flight ends; returns its result or rethrows its exception (the same instance).</summary>
    public TResult Wait()
    {
        lock (this)
        {
            if (_isDone)
            {
                _failure?.Throw();
                return _result;
            }
        }

        return AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Ends the flight with its result; does nothing if it already ended.</summary>
    public void SetResult(TResult result)
    {
        TaskCompletionSource<TResult>? completion;
        lock (this)
        {
            if (_isDone)
            {
                return;
            }

            _result = result;
            _isDone = true;
            completion = _completion;
        }

        completion?.TrySetResult(result);
    }

    /// <summary>Ends the flight with the computation's exception, which every caller receives; does nothing if it already ended.</summary>
    public void SetException(Exception exception)
    {
        TaskCompletionSource<TResult>? completion;
        lock (this)
        {
            if (_isDone)
            {
                return;
            }

            _failure = ExceptionDispatchInfo.Capture(exception);
            _isDone = true;
            completion = _completion;
        }

        if (completion is not null)
        {
            completion.TrySetException(exception);

            // Marks the exception observed: when every caller cancelled, nobody awaits it, and that is not an error.
            _ = completion.Task.Exception;
        }
    }
}
