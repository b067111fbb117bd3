using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Sweeps;

namespace MemoGen.RuntimeTests.Sweeps;

/// <summary>
/// A memoized function of (int a, double b) kept in a dictionary, so that a sweep can be driven without generated code;
/// the dictionary outlives runs, as the disk store does.
/// </summary>
internal sealed class FakeMemo
{
    private int _computations;

    public ConcurrentDictionary<(int, double), double> Store { get; } = new();

    public int Computations => Volatile.Read(ref _computations);

    /// <summary>Runs before each computation; may throw or block.</summary>
    public Action<int, double, CancellationToken> BeforeCompute { get; set; } = static (_, _, _) => { };

    public Sweep<double> Sweep(Values<int> a, Values<double> b) =>
        new("fake", [SweepDimension.Of("a", a), SweepDimension.Of("b", b)], Calls());

    public Sweep<double> SweepAsync(Values<int> a, Values<double> b) =>
        new("fake", [SweepDimension.Of("a", a), SweepDimension.Of("b", b)], AsyncCalls());

    private SweepCalls<double> Calls() => SweepCalls<double>.Synchronous(
        (v, token) => Store.TryGetValue(Key(v), out double cached) ? cached : Compute(v, token),
        Compute,
        v => Store.ContainsKey(Key(v)),
        v => Store.TryRemove(Key(v), out _));

    private SweepCalls<double> AsyncCalls() => SweepCalls<double>.Asynchronous(
        (v, token) => new ValueTask<double>(Task.Run(() => Store.TryGetValue(Key(v), out double cached) ? cached : Compute(v, token), token)),
        (v, token) => new ValueTask<double>(Task.Run(() => Compute(v, token), token)),
        v => Store.ContainsKey(Key(v)),
        v => Store.TryRemove(Key(v), out _));

    private double Compute(object?[] values, CancellationToken token)
    {
        var (a, b) = Key(values);
        BeforeCompute(a, b, token);
        Interlocked.Increment(ref _computations);
        return Store[(a, b)] = a * b;
    }

    private static (int, double) Key(object?[] values) => ((int)values[0]!, (double)values[1]!);
}
