using System;
using System.Threading;

namespace MemoGen.Infrastructure;

/// <summary>
/// Runs a first call's one-time setup on a background thread of its own, so that it overlaps the caller's own work
/// instead of adding to it. A thread, not the thread pool: starting the pool would cost the caller more than it saves.
/// </summary>
internal static class WarmUpThread
{
    /// <summary>
    /// Starts <paramref name="work"/> on a background thread and returns the thread, or <see langword="null"/> if none
    /// could start: then the first call does the work itself, as without this. The work's failures are swallowed: the
    /// caller does the same work where it needs it, and reports its failures there.
    /// </summary>
    public static Thread? Start(string name, Action work)
    {
        try
        {
            var thread = new Thread(() => Run(work), maxStackSize: 256 * 1024) { IsBackground = true, Name = name };
            thread.Start();
            return thread;
        }
        catch (Exception exception) when (exception is OutOfMemoryException or ThreadStartException or NotSupportedException)
        {
            // NotSupportedException: a platform without threads (WebAssembly in the browser).
            return null;
        }
    }

    private static void Run(Action work)
    {
        try
        {
            work();
        }
        catch (Exception)
        {
            // Nobody to tell on this thread; see Start.
        }
    }
}
