using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;

namespace MemoGen.IntegrationTests.Subjects;

public sealed record MapDescriptor(string Name, int NSide);

public sealed record Spectrum(double Peak, ImmutableArray<double> Bins);

/// <summary>Form 1: the context itself holds the results. Every implementation counts its calls.</summary>
public partial class Sky(MemoOptions options) : MemoContext(options)
{
    private int _rmsCalls;
    private int _histogramCalls;
    private int _sumCalls;
    private int _failures;

    public Sky() : this(new MemoOptions())
    {
    }

    public int RmsCalls => _rmsCalls;

    public int HistogramCalls => _histogramCalls;

    public int SumCalls => _sumCalls;

    /// <summary>Blocks every computation until set, so tests can pile up concurrent callers.</summary>
    public ManualResetEventSlim Gate { get; } = new(initialState: true);

    /// <summary>How many calls of <see cref="Fragile"/> fail before one succeeds.</summary>
    public int FailuresLeft { get; set; }

    [Memoize(Name = "rms_squared", Tags = new[] { "disk" })]
    public partial ImmutableArray<double> RmsSquared(MapDescriptor map);

    private double[] RmsSquaredCore(MapDescriptor map)
    {
        Interlocked.Increment(ref _rmsCalls);
        if (!Gate.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("the gate of RmsSquared was never opened");
        }
        var values = new double[map.NSide];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (double)i * i;
        }

        return values;
    }

    /// <summary>Two parameters whose names differ by the underscore that the key's field names add.</summary>
    [Memoize]
    public partial int Shifted(int shift, int _shift);

    private int ShiftedCore(int shift, int _shift) => (shift * 1000) + _shift;

    [Memoize]
    public partial FrozenDictionary<string, int> Histogram(string text);

    private Dictionary<string, int> HistogramCore(string text)
    {
        Interlocked.Increment(ref _histogramCalls);
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            counts[word] = counts.GetValueOrDefault(word) + 1;
        }

        return counts;
    }

    [Memoize]
    public partial double Sum(double[] values, [MemoIgnore] string? note);

    private double SumCore(double[] values, string? note)
    {
        Interlocked.Increment(ref _sumCalls);
        var total = 0.0;
        foreach (var value in values)
        {
            total += value;
        }

        return total;
    }

    [Memoize]
    public partial int Fragile(int x);

    private int FragileCore(int x)
    {
        Interlocked.Increment(ref _failures);
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new InvalidOperationException("failure for " + x);
        }

        return x * 10;
    }

    public int FragileCalls => _failures;
}
