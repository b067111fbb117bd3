using System;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace MemoGen.IntegrationTests.Subjects;

/// <summary>A record holding an array: keyed by the array's content, not its reference.</summary>
public sealed record Shape(string Name, int[] Dimensions);

/// <summary>A small record key.</summary>
public sealed record Cell(int Row, int Column);

/// <summary>
/// Methods whose implementations return the mutable types the README says are converted, and whose parameters are the
/// key types it says are hashed by content. Every implementation counts its calls by method name.
/// </summary>
public sealed partial class Catalog() : MemoContext(new MemoOptions())
{
    private readonly ConcurrentDictionary<string, int> _calls = new();

    /// <summary>How many times the implementation of <paramref name="method"/> ran.</summary>
    public int CallsOf(string method) => _calls.GetValueOrDefault(method);

    [Memoize]
    public partial FrozenSet<int> Evens(int below);

    private HashSet<int> EvensCore(int below) => Count(nameof(Evens), Enumerable.Range(0, below).Where(i => i % 2 == 0).ToHashSet());

    [Memoize]
    public partial ImmutableList<string> Labels(int count);

    private List<string> LabelsCore(int count) => Count(nameof(Labels), Enumerable.Range(0, count).Select(i => "label" + i).ToList());

    [Memoize]
    public partial IReadOnlyDictionary<string, int> WordLengths(string text);

    private Dictionary<string, int> WordLengthsCore(string text) =>
        Count(nameof(WordLengths), text.Split(' ').Distinct().ToDictionary(word => word, word => word.Length));

    [Memoize]
    public partial IReadOnlyList<double> Halves(int count);

    private double[] HalvesCore(int count) => Count(nameof(Halves), Enumerable.Range(0, count).Select(i => i / 2.0).ToArray());

    [Memoize]
    public partial double SumOfMemory(ReadOnlyMemory<double> values);

    private double SumOfMemoryCore(ReadOnlyMemory<double> values) => Count(nameof(SumOfMemory), Sum(values.Span));

    [Memoize]
    public partial double SumOfImmutable(ImmutableArray<double> values);

    private double SumOfImmutableCore(ImmutableArray<double> values) => Count(nameof(SumOfImmutable), Sum(values.AsSpan()));

    [Memoize]
    public partial double SumOfList(IReadOnlyList<double> values);

    private double SumOfListCore(IReadOnlyList<double> values) => Count(nameof(SumOfList), values.Sum());

    [Memoize]
    public partial long Volume(Shape shape);

    private long VolumeCore(Shape shape) => Count(nameof(Volume), shape.Dimensions.Aggregate(1L, (product, d) => product * d));

    [Memoize]
    public partial int Length(string text);

    private int LengthCore(string text) => Count(nameof(Length), text.Length);

    [Memoize]
    public partial int Index(Cell cell);

    private int IndexCore(Cell cell) => Count(nameof(Index), (cell.Row * 1000) + cell.Column);

    private static double Sum(ReadOnlySpan<double> values)
    {
        double total = 0;
        foreach (double value in values)
        {
            total += value;
        }

        return total;
    }

    private T Count<T>(string method, T result)
    {
        _calls.AddOrUpdate(method, 1, static (_, n) => n + 1);
        return result;
    }
}
