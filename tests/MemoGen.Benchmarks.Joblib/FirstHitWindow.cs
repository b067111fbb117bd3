using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace MemoGen.Benchmarks.Joblib;

/// <summary>
/// Consecutive timing windows inside one process: each <see cref="Next"/> returns the wall time since the previous
/// one (or the start), with the JIT's time (all threads) and the number of methods it compiled meanwhile.
/// </summary>
public struct FirstHitWindow
{
    private long _started;
    private TimeSpan _jitBefore;
    private long _methodsBefore;

    /// <summary>Opens the first window, after compiling the window's own code so that no window counts it.</summary>
    public static FirstHitWindow Start()
    {
        var window = default(FirstHitWindow);
        window.Next();
        return window;
    }

    /// <summary>Closes the current window and opens the next.</summary>
    public (double Milliseconds, double JitMilliseconds, long Methods) Next()
    {
        long now = Stopwatch.GetTimestamp();
        TimeSpan jit = JitInfo.GetCompilationTime();
        long methods = JitInfo.GetCompiledMethodCount();
        var window = (Stopwatch.GetElapsedTime(_started, now).TotalMilliseconds, (jit - _jitBefore).TotalMilliseconds, methods - _methodsBefore);
        _started = now;
        _jitBefore = jit;
        _methodsBefore = methods;
        return window;
    }

    /// <summary>
    /// The line build/bench-first-hit.sh reads: the three times, then the JIT's time and methods of the first two.
    /// </summary>
    public static string Line(
        (double Milliseconds, double JitMilliseconds, long Methods) firstHit,
        (double Milliseconds, double JitMilliseconds, long Methods) otherFunction,
        (double Milliseconds, double JitMilliseconds, long Methods) sameFunction) =>
        string.Create(CultureInfo.InvariantCulture, $"{firstHit.Milliseconds:F3}\t{otherFunction.Milliseconds:F3}\t{sameFunction.Milliseconds:F3}\t{firstHit.JitMilliseconds:F3}\t{firstHit.Methods}\t{otherFunction.JitMilliseconds:F3}\t{otherFunction.Methods}");
}
