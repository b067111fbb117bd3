using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using MemoGen;

namespace MemoGen.PostgresTests.Subjects;

/// <summary>A context with one disk-tagged function whose executions are counted across every context of a test.</summary>
public sealed partial class SquaresContext(MemoOptions options, ConcurrentDictionary<int, int> executions) : MemoContext(options)
{
    [Memoize(Name = "pg_squares", Tags = new[] { "disk" })]
    public partial ImmutableArray<double> Squares(int count);

    private double[] SquaresCore(int count)
    {
        executions.AddOrUpdate(count, 1, (_, n) => n + 1);
        return Enumerable.Range(0, count).Select(i => (double)i * i).ToArray();
    }
}
