using System;

namespace MemoGen.Sweeps;

/// <summary>
/// What a memoized table tells a sweep about one call made on the sweep's thread: that it was reached at all, and
/// whether the call computed or loaded its result. Memory hits and calls that joined another caller's computation
/// report nothing, so the hit path stays untouched; the sweep reads "nothing" as "answered without computing".
/// </summary>
/// <remarks>
/// The listener is thread-static and listens only during the synchronous part of a call (<see cref="Listen"/>), which
/// is where the table decides, before any await: asynchronous continuations on other threads never see it. The first
/// report takes the listener off the thread, so memoized calls nested in a computation cannot overwrite it.
/// </remarks>
internal sealed class SweepCallListener
{
    [ThreadStatic]
    private static SweepCallListener? t_listening;

    /// <summary>How the table answered the call, if it reported.</summary>
    public SweepCallReport Report { get; private set; }

    /// <summary>Whether a memoized table answered the probe (<see cref="TryAnswerProbe"/>) made while listening.</summary>
    public bool ProbedByTable { get; private set; }

    /// <summary>Listens on this thread until the returned scope is disposed; clears what was heard before.</summary>
    public Scope Listen()
    {
        Report = SweepCallReport.None;
        ProbedByTable = false;
        t_listening = this;
        return default;
    }

    /// <summary>
    /// Called by a table about to ask its disk tier whether a key is cached: when a sweep listens, the table answers
    /// from memory only and the sweep learns the rest from the call's own report (<see cref="Reported"/>), which
    /// saves reading each entry twice.
    /// </summary>
    /// <returns>Whether the table should skip the disk.</returns>
    internal static bool TryAnswerProbe()
    {
        if (t_listening is not { } listener)
        {
            return false;
        }

        listener.ProbedByTable = true;
        return true;
    }

    /// <summary>Called by a table that has just loaded the result of a memory miss, or is about to compute it.</summary>
    /// <param name="report">Which of the two.</param>
    internal static void Reported(SweepCallReport report)
    {
        if (t_listening is { } listener)
        {
            t_listening = null;
            listener.Report = report;
        }
    }

    /// <summary>Stops listening on this thread.</summary>
    public readonly struct Scope : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => t_listening = null;
    }
}
