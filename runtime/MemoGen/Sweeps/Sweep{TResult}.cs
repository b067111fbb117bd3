using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace MemoGen.Sweeps;

/// <summary>
/// A memoized method run over every point of a grid: the product of its dimensions, the last varying fastest. Made
/// by a handle's <c>Sweep(...)</c>; configured with the <c>With…</c> methods, each of which returns a new sweep; run
/// with <see cref="RunAsync"/>. Running it again after an interruption computes only the points not yet cached.
/// </summary>
/// <typeparam name="TResult">The method's result (the awaited value for asynchronous methods).</typeparam>
public sealed class Sweep<TResult>
{
    private readonly SweepCalls<TResult> _calls;
    private readonly long[] _strides;
    private readonly Settings _settings;

    /// <summary>A sweep of the function cached as <paramref name="name"/> over <paramref name="dimensions"/>.</summary>
    /// <param name="name">The function's cache name.</param>
    /// <param name="dimensions">One dimension per swept parameter, in the order <paramref name="calls"/> expects the values.</param>
    /// <param name="calls">How to call the function at a point.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Sweep(string name, SweepDimension[] dimensions, SweepCalls<TResult> calls)
        : this(name, dimensions, calls, new Settings(Environment.ProcessorCount, null, false, null))
    {
    }

    private Sweep(
        string name,
        IReadOnlyList<SweepDimension> dimensions,
        SweepCalls<TResult> calls,
        Settings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(calls);
        Name = name;
        Dimensions = dimensions.ToArray();
        _calls = calls;
        _settings = settings;

        _strides = new long[Dimensions.Count];
        Int128 count = 1;
        for (int i = Dimensions.Count - 1; i >= 0; i--)
        {
            _strides[i] = (long)count;
            count *= Dimensions[i].Values.Count;
            if (count > Array.MaxLength)
            {
                throw new ArgumentException($"The sweep of {name} has more than {Array.MaxLength} points; split it.", nameof(dimensions));
            }
        }

        Count = (int)count;
    }

    /// <summary>The swept function's cache name.</summary>
    public string Name { get; }

    /// <summary>The swept parameters and their values.</summary>
    public IReadOnlyList<SweepDimension> Dimensions { get; }

    /// <summary>How many points the sweep has: the product of the dimensions' sizes.</summary>
    public int Count { get; }

    /// <summary>How many points run at once at most; by default <see cref="Environment.ProcessorCount"/>.</summary>
    public int MaxDegreeOfParallelism => _settings.MaxDegreeOfParallelism;

    /// <summary>Where progress is reported, if anywhere.</summary>
    public IProgress<SweepProgress>? Progress => _settings.Progress;

    /// <summary>Whether the sweep stops starting points after the first failure.</summary>
    public bool StopsOnFirstFailure => _settings.StopOnFirstFailure;

    internal Func<SweepPoint, bool>? RecomputeSelector => _settings.Recompute;

    /// <summary>Every point, in order.</summary>
    public IEnumerable<SweepPoint> Points
    {
        get
        {
            for (int i = 0; i < Count; i++)
            {
                yield return PointAt(i);
            }
        }
    }

    /// <summary>This sweep, running at most <paramref name="maxDegreeOfParallelism"/> points at once.</summary>
    /// <param name="maxDegreeOfParallelism">At least 1.</param>
    public Sweep<TResult> WithParallelism(int maxDegreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        return With(_settings with { MaxDegreeOfParallelism = maxDegreeOfParallelism });
    }

    /// <summary>This sweep, reporting to <paramref name="progress"/> when it starts and after every point.</summary>
    /// <param name="progress">The receiver; <see cref="Progress{T}"/> posts to the context it was created in.</param>
    public Sweep<TResult> WithProgress(IProgress<SweepProgress>? progress) => With(_settings with { Progress = progress });

    /// <summary>This sweep, starting no more points once one has failed (those already running finish).</summary>
    /// <param name="stop">Whether to stop; by default a failure is reported and the sweep goes on.</param>
    public Sweep<TResult> StopOnFirstFailure(bool stop = true) => With(_settings with { StopOnFirstFailure = stop });

    /// <summary>This sweep, computing every point anew whether or not it is cached (TINC's force recompute).</summary>
    public Sweep<TResult> Recompute() => With(_settings with { Recompute = static _ => true });

    /// <summary>This sweep, computing anew the points <paramref name="which"/> selects; the others may come from the cache.</summary>
    /// <param name="which">Selects the points to recompute.</param>
    public Sweep<TResult> Recompute(Func<SweepPoint, bool> which)
    {
        ArgumentNullException.ThrowIfNull(which);
        return With(_settings with { Recompute = which });
    }

    /// <summary>
    /// Runs every point, <see cref="MaxDegreeOfParallelism"/> at a time, and returns the results in point order. A
    /// point whose computation throws is reported as failed and the others go on (unless
    /// <see cref="StopOnFirstFailure"/>). Each finished point is stored as it finishes.
    /// </summary>
    /// <param name="cancellationToken">
    /// Stops the sweep: no point starts after it is cancelled; points running finish, or are abandoned if the method
    /// takes the token and honours it. Finished points stay cached, so a new run resumes where this one stopped.
    /// </param>
    /// <exception cref="OperationCanceledException">The sweep was cancelled.</exception>
    public Task<SweepResults<TResult>> RunAsync(CancellationToken cancellationToken = default) =>
        new SweepRun<TResult>(this, _calls).RunAsync(cancellationToken);

    /// <summary>Removes every point's cached result (memory and disk); returns how many there were.</summary>
    public int Invalidate()
    {
        int removed = 0;
        for (int i = 0; i < Count; i++)
        {
            if (_calls.Invalidate(ValuesAt(i)))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>The point at <paramref name="index"/>.</summary>
    /// <param name="index">From 0 to <see cref="Count"/> - 1.</param>
    public SweepPoint PointAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return new SweepPoint(index, Dimensions, ValuesAt(index));
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name} over {string.Join(" × ", Dimensions.Select(d => $"{d.Name}[{d.Values.Count}]"))} = {Count} points";

    internal object?[] ValuesAt(long index)
    {
        var values = new object?[Dimensions.Count];
        for (int d = 0; d < values.Length; d++)
        {
            values[d] = Dimensions[d].Values[(int)(index / _strides[d])];
            index %= _strides[d];
        }

        return values;
    }

    private Sweep<TResult> With(Settings settings) => new(Name, Dimensions, _calls, settings);

    private readonly record struct Settings(
        int MaxDegreeOfParallelism,
        IProgress<SweepProgress>? Progress,
        bool StopOnFirstFailure,
        Func<SweepPoint, bool>? Recompute);
}
