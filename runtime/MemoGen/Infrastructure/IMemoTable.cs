namespace MemoGen.Infrastructure;

/// <summary>What a <see cref="MemoContext"/> needs from a table without knowing its key and result types.</summary>
internal interface IMemoTable
{
    /// <summary>The function whose results the table holds.</summary>
    MemoFunction Function { get; }

    /// <summary>The table's hit counter, which the <c>memogen.hits</c> metric reads (and keeps once the table is gone).</summary>
    MemoHitCounter Hits { get; }

    /// <summary>The table's counters.</summary>
    MemoFunctionStatistics Statistics { get; }

    /// <summary>Removes every entry and returns how many completed entries were removed.</summary>
    long Clear();
}
