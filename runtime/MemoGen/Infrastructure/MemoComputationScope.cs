using System;
using System.Threading;

namespace MemoGen.Infrastructure;

/// <summary>
/// The asynchronous computations the current flow of execution is inside of, so that an asynchronous computation
/// that calls itself (with the same key) is detected instead of waiting for itself forever. Unlike a thread id, it
/// follows the computation across <see langword="await"/>s and into the tasks it starts.
/// </summary>
/// <remarks>
/// Entered only on the miss path of asynchronous lookups. A task that a computation starts and does not wait for
/// inherits the scope too; if that task looks up the same key it is reported as re-entrant although it would not
/// deadlock. That pattern is rare enough to accept.
/// </remarks>
internal static class MemoComputationScope
{
    private static readonly AsyncLocal<Frame?> s_innermost = new();

    /// <summary>Marks the current flow as running <paramref name="flight"/>'s computation until the scope is disposed.</summary>
    public static Scope Enter(object flight)
    {
        Frame? outer = s_innermost.Value;
        s_innermost.Value = new Frame(flight, outer);
        return new Scope(outer);
    }

    /// <summary>Whether the current flow is inside <paramref name="flight"/>'s computation.</summary>
    public static bool IsInside(object flight)
    {
        for (Frame? frame = s_innermost.Value; frame is not null; frame = frame.Outer)
        {
            if (ReferenceEquals(frame.Flight, flight))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One computation the flow is inside of, and the ones around it.</summary>
    internal sealed class Frame(object flight, Frame? outer)
    {
        public object Flight { get; } = flight;

        public Frame? Outer { get; } = outer;
    }

    /// <summary>Restores the scope that was current before <see cref="Enter"/>.</summary>
    internal readonly struct Scope(Frame? outer) : IDisposable
    {
        public void Dispose() => s_innermost.Value = outer;
    }
}
