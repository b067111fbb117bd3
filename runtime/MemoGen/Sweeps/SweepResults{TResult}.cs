using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace MemoGen.Sweeps;

/// <summary>The results of a sweep's run, one per point, in point order; <see cref="ToTable"/> writes them as CSV or JSON.</summary>
/// <typeparam name="TResult">The method's result (the awaited value for asynchronous methods).</typeparam>
public sealed class SweepResults<TResult> : IReadOnlyList<SweepResult<TResult>>
{
    private readonly IReadOnlyList<SweepDimension> _dimensions;
    private readonly SweepResult<TResult>[] _results;

    internal SweepResults(IReadOnlyList<SweepDimension> dimensions, SweepResult<TResult>[] results, TimeSpan elapsed)
    {
        _dimensions = dimensions;
        _results = results;
        Elapsed = elapsed;
        foreach (SweepResult<TResult> result in results)
        {
            Cached += result.Outcome == SweepOutcome.Cached ? 1 : 0;
            Computed += result.Outcome == SweepOutcome.Computed ? 1 : 0;
            Failed += result.Outcome == SweepOutcome.Failed ? 1 : 0;
        }
    }

    /// <summary>How many points the sweep has.</summary>
    public int Count => _results.Length;

    /// <summary>The result of the point at <paramref name="index"/>.</summary>
    /// <param name="index">The point's <see cref="SweepPoint.Index"/>.</param>
    public SweepResult<TResult> this[int index] => _results[index];

    /// <summary>Points answered from the cache.</summary>
    public int Cached { get; }

    /// <summary>Points computed in this run.</summary>
    public int Computed { get; }

    /// <summary>Points whose computation threw.</summary>
    public int Failed { get; }

    /// <summary>Points not run because the sweep stopped at a failure.</summary>
    public int NotRun => Count - Cached - Computed - Failed;

    /// <summary>How long the run took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The failed points, with their exceptions.</summary>
    public IEnumerable<SweepResult<TResult>> Failures => _results.Where(r => r.Outcome == SweepOutcome.Failed);

    /// <summary>
    /// A table with a column per parameter and, per point, the result in a column named <c>result</c>, or the given
    /// projections of it. Points that did not succeed have empty result cells and their error in an <c>error</c>
    /// column, present only when some point failed.
    /// </summary>
    /// <param name="columns">Projections of the result, one column each; none for the result itself.</param>
    public SweepTable ToTable(params SweepColumn<TResult>[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0)
        {
            columns = [new SweepColumn<TResult>("result", static value => value)];
        }

        bool withErrors = Failed > 0;
        var names = _dimensions.Select(d => d.Name).Concat(columns.Select(c => c.Name));
        if (withErrors)
        {
            names = names.Append("error");
        }

        var rows = new object?[_results.Length][];
        for (int i = 0; i < rows.Length; i++)
        {
            SweepResult<TResult> result = _results[i];
            var cells = result.Point.Values.AsEnumerable();
            cells = cells.Concat(columns.Select(c => result.Succeeded ? c.Select(result.Value!) : null));
            if (withErrors)
            {
                cells = cells.Append(result.Error?.Message);
            }

            rows[i] = cells.ToArray();
        }

        return new SweepTable(names.ToArray(), rows);
    }

    /// <inheritdoc />
    public IEnumerator<SweepResult<TResult>> GetEnumerator() => ((IEnumerable<SweepResult<TResult>>)_results).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
