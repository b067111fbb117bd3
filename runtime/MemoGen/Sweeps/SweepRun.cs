using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace MemoGen.Sweeps;

/// <summary>One run of a <see cref="Sweep{TResult}"/>: workers that take the next point until none is left.</summary>
internal sealed class SweepRun<TResult>
{
    private readonly Sweep<TResult> _sweep;
    private readonly SweepCalls<TResult> _calls;
    private readonly SweepResult<TResult>?[] _results;
    private readonly Lock _countersLock = new();
    private readonly ConcurrentQueue<int> _putAside = new();
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private readonly int _start;
    private int _next = -1;
    private long _cached;
    private long _computed;
    private long _failed;
    private volatile bool _stopped;

    public SweepRun(Sweep<TResult> sweep, SweepCalls<TResult> calls)
    {
        _sweep = sweep;
        _calls = calls;
        _results = new SweepResult<TResult>?[sweep.Count];

        // Processes sharing a tier each start at a point of their own, so that they seldom reach the same point at once.
        _start = calls.IsComputedElsewhere is null || sweep.Count == 0 ? 0 : Random.Shared.Next(sweep.Count);
    }

    public async Task<SweepResults<TResult>> RunAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Report();
        var workers = new Task[Math.Min(_sweep.MaxDegreeOfParallelism, Math.Max(1, _sweep.Count))];
        for (int i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        var results = new SweepResult<TResult>[_results.Length];
        for (int i = 0; i < results.Length; i++)
        {
            results[i] = _results[i] ?? new SweepResult<TResult>(_sweep.PointAt(i), SweepOutcome.NotRun, default, null, TimeSpan.Zero);
        }

        return new SweepResults<TResult>(_sweep.Dimensions, results, Stopwatch.GetElapsedTime(_startedAt));
    }

    /// <summary>
    /// Takes the next point until none is left, from a random point on (and round) when the points are shared with
    /// other processes, from the first otherwise. A point another process is computing right now (through a shared
    /// tier) is put aside, once, and run after the others, when it is most likely published: waiting for it at once
    /// would idle this worker while unclaimed points remain. The worker that puts a point aside runs on until the
    /// queue of points put aside is empty, so none is left behind.
    /// </summary>
    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        var listener = new SweepCallListener();
        while (!_stopped && !cancellationToken.IsCancellationRequested)
        {
            int turn = Interlocked.Increment(ref _next);
            int index;
            if (turn >= _results.Length)
            {
                if (!_putAside.TryDequeue(out index))
                {
                    return;
                }
            }
            else if (IsComputedElsewhere(index = (turn + _start) % _results.Length))
            {
                _putAside.Enqueue(index);
                continue;
            }

            await RunPointAsync(_sweep.PointAt(index), listener, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool IsComputedElsewhere(int index)
    {
        if (_calls.IsComputedElsewhere is not { } probe)
        {
            return false;
        }

        SweepPoint point = _sweep.PointAt(index);
        try
        {
            return _sweep.RecomputeSelector?.Invoke(point) != true && probe(point.RawValues);
        }
        catch (Exception)
        {
            // Only a hint: the call itself reports what goes wrong.
            return false;
        }
    }

    private async Task RunPointAsync(SweepPoint point, SweepCallListener listener, CancellationToken cancellationToken)
    {
        object?[] values = point.RawValues;
        long startedAt = Stopwatch.GetTimestamp();
        SweepResult<TResult> result;
        try
        {
            bool force = _sweep.RecomputeSelector?.Invoke(point) == true;
            TResult value;
            SweepOutcome outcome;
            if (force)
            {
                value = await _calls.RunAsync(values, force: true, cancellationToken).ConfigureAwait(false);
                outcome = SweepOutcome.Computed;
            }
            else
            {
                (value, outcome) = await CallAsync(values, listener, cancellationToken).ConfigureAwait(false);
            }

            result = new(point, outcome, value, null, Stopwatch.GetElapsedTime(startedAt));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Abandoned: the point is neither finished nor failed, and a later run computes it.
            return;
        }
        catch (Exception exception)
        {
            result = new(point, SweepOutcome.Failed, default, exception, Stopwatch.GetElapsedTime(startedAt));
            _stopped |= _sweep.StopsOnFirstFailure;
        }

        _results[point.Index] = result;
        lock (_countersLock)
        {
            switch (result.Outcome)
            {
                case SweepOutcome.Cached:
                    _cached++;
                    break;
                case SweepOutcome.Computed:
                    _computed++;
                    break;
                default:
                    _failed++;
                    break;
            }

            Report();
        }
    }

    /// <summary>
    /// Calls the point and tells whether it was computed. A memoized table answers the probe from memory only and
    /// reports whether the call computed (<see cref="SweepCallListener"/>), so a point on disk is read once; calls
    /// that reach no table (hand-made ones) are probed before the call, with their own <c>IsCached</c>.
    /// </summary>
    private async ValueTask<(TResult Value, SweepOutcome Outcome)> CallAsync(object?[] values, SweepCallListener listener, CancellationToken cancellationToken)
    {
        bool cachedBefore;
        using (listener.Listen())
        {
            cachedBefore = _calls.IsCached(values);
        }

        bool probedByTable = listener.ProbedByTable;
        ValueTask<TResult> call;
        using (listener.Listen())
        {
            call = _calls.RunAsync(values, force: false, cancellationToken);
        }

        bool computed = probedByTable ? listener.Report == SweepCallReport.Computed : !cachedBefore;
        TResult value = await call.ConfigureAwait(false);
        return (value, computed ? SweepOutcome.Computed : SweepOutcome.Cached);
    }

    /// <summary>Reports the counters; called under the lock (or before the workers start) so that totals add up.</summary>
    private void Report()
    {
        if (_sweep.Progress is not { } progress)
        {
            return;
        }

        long done = _cached + _computed + _failed;
        TimeSpan elapsed = Stopwatch.GetElapsedTime(_startedAt);
        TimeSpan? remaining = done == 0 ? null : elapsed * ((double)(_results.Length - done) / done);
        progress.Report(new SweepProgress(_results.Length, done, _cached, _computed, _failed, elapsed, remaining));
    }
}
