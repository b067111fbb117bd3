using System;

namespace MemoGen.Benchmarks.Joblib;

/// <summary>
/// Times, inside one fresh process, the disk hits that a user's second run pays for: the first one (of
/// <c>first</c>: <c>json</c>, a plain record, or <c>packed</c>, a MemoryPack record), then the first hit of another
/// function, then another key of the first function. Prints the three times in milliseconds, tab-separated, then the
/// time the JIT spent during the first hit (milliseconds, all threads) and the number of methods it compiled, then the
/// same two for the other function's hit. With <c>raw</c>, the first function is a small <c>ReadOnlyMemory&lt;double&gt;</c>, written raw: no serializer's setup is part of its hit.
/// </summary>
public static class FirstHitTimer
{
    /// <summary>Fills the cache with every call the timed run makes.</summary>
    public static void Prepare(MemoOptions options)
    {
        var jobs = new JoblibJobs(options);
        var more = new FirstHitJobs(options);
        foreach (int a in new[] { 3, 5 })
        {
            jobs.MakeRatio(a, a + 1);
            more.MakePackedRatio(a, a + 1);
            more.MakeSmallArray(a, a + 1);
            more.MakeLabel("id", a);
        }
    }

    /// <summary>Runs the timed hits; returns the line to print.</summary>
    public static string Run(MemoOptions options, string first)
    {
        var window = FirstHitWindow.Start();
        var jobs = new JoblibJobs(options);
        var more = new FirstHitJobs(options);
        double check = Hit(jobs, more, first, 3);
        var firstHit = window.Next();
        check += more.MakeLabel("id", 3).Length;
        var otherFunction = window.Next();
        check += Hit(jobs, more, first, 5);
        var sameFunction = window.Next();
        ThrowUnlessExpected(check);
        return FirstHitWindow.Line(firstHit, otherFunction, sameFunction);
    }

    /// <summary>
    /// Throws unless <paramref name="check"/> adds up what the three hits must return: 3/4 from the first function's
    /// key (3, 4), the length of <c>"id3"</c>, 5/6 from its key (5, 6).
    /// </summary>
    internal static void ThrowUnlessExpected(double check)
    {
        const double expected = 3.0 / 4 + 3 + 5.0 / 6;
        if (Math.Abs(check - expected) > 1e-12)
        {
            throw new InvalidOperationException($"the hits returned {check}, not {expected}");
        }
    }

    private static double Hit(JoblibJobs jobs, FirstHitJobs more, string first, int a) => first switch
    {
        "json" => jobs.MakeRatio(a, a + 1).Value,
        "raw" => more.MakeSmallArray(a, a + 1).Span[2],
        _ => more.MakePackedRatio(a, a + 1).Value,
    };
}
