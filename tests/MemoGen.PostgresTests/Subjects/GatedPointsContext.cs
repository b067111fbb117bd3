using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using MemoGen;

namespace MemoGen.PostgresTests.Subjects;

/// <summary>A context whose point 0 computes only once a gate opens; every execution is recorded in order, across contexts.</summary>
public sealed partial class GatedPointsContext(MemoOptions options, ConcurrentQueue<int> executed, ManualResetEventSlim gate) : MemoContext(options)
{
    [Memoize(Name = "pg_gated_points", Tags = new[] { "disk" })]
    public partial ImmutableArray<int> Point(int point);

    private int[] PointCore(int point)
    {
        executed.Enqueue(point);
        if (point == 0 && !gate.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("The gate of point 0 never opened.");
        }

        return [point * 10];
    }
}
