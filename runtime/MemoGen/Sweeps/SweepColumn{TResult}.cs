using System;

namespace MemoGen.Sweeps;

/// <summary>A column of a sweep's table: a name and what to take from each point's result.</summary>
/// <typeparam name="TResult">The method's result.</typeparam>
/// <param name="Name">The column's name.</param>
/// <param name="Select">Takes the cell's value from a result: a number, string, boolean, or anything with a readable <c>ToString</c>.</param>
public sealed record SweepColumn<TResult>(string Name, Func<TResult, object?> Select)
{
    /// <summary>A column from a pair, so that <c>ToTable(("mean", r => r.Mean))</c> reads well.</summary>
    /// <param name="column">The name and the projection.</param>
    public static implicit operator SweepColumn<TResult>((string Name, Func<TResult, object?> Select) column) =>
        new(column.Name, column.Select);
}
