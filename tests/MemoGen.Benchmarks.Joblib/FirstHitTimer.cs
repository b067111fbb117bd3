using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;

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
        long started = Stopwatch.GetTimestamp();
        TimeSpan jitBefore = JitInfo.GetCompilationTime();
        long methodsBefore = JitInfo.GetCompiledMethodCount();
        var jobs = new JoblibJobs(options);
        var more = new FirstHitJobs(options);
        double check = Hit(jobs, more, first, 3);
        double firstHit = Milliseconds(ref started);
        double firstHitJit = (JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds;
        long firstHitMethods = JitInfo.GetCompiledMethodCount() - methodsBefore;
        jitBefore = JitInfo.GetCompilationTime();
        methodsBefore = JitInfo.GetCompiledMethodCount();
        check += more.MakeLabel("id", 3).Length;
        double otherFunction = Milliseconds(ref started);
        double otherFunctionJit = (JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds;
        long otherFunctionMethods = JitInfo.GetCompiledMethodCount() - methodsBefore;
        check += Hit(jobs, more, first, 5);
        double sameFunction = Milliseconds(ref started);
        if (check <= 0)
        {
            throw new InvalidOperationException("unexpected results");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{firstHit:F3}\t{otherFunction:F3}\t{sameFunction:F3}\t{firstHitJit:F3}\t{firstHitMethods}\t{otherFunctionJit:F3}\t{otherFunctionMethods}");
    }

    private static double Hit(JoblibJobs jobs, FirstHitJobs more, string first, int a) => first switch
    {
        "json" => jobs.MakeRatio(a, a + 1).Value,
        "raw" => more.MakeSmallArray(a, a + 1).Span[2],
        _ => more.MakePackedRatio(a, a + 1).Value,
    };

    private static double Milliseconds(ref long started)
    {
        long now = Stopwatch.GetTimestamp();
        double elapsed = Stopwatch.GetElapsedTime(started, now).TotalMilliseconds;
        started = now;
        return elapsed;
    }
}
