using System;
using System.Collections.Concurrent;
using MemoGen.Sweeps;

namespace MemoGen.RuntimeTests.Sweeps;

/// <summary>Keeps every progress report, in the order the runner made them (it reports under its lock).</summary>
internal sealed class RecordingProgress(ConcurrentQueue<SweepProgress> reports) : IProgress<SweepProgress>
{
    public void Report(SweepProgress value) => reports.Enqueue(value);
}
