using System;
using System.Threading;
using MemoGen.Sweeps;
using Spectre.Console;

namespace MemoGen.Sample;

/// <summary>Shows a sweep's progress on a Spectre.Console progress task, synchronously, and keeps the last report.</summary>
public sealed class ProgressBar(ProgressTask task) : IProgress<SweepProgress>
{
    private readonly Lock _gate = new();

    /// <summary>The latest report (null before the first).</summary>
    public SweepProgress? Last { get; private set; }

    /// <inheritdoc />
    public void Report(SweepProgress value)
    {
        lock (_gate)
        {
            if (Last is { } last && last.Done > value.Done)
            {
                return;
            }

            Last = value;
            task.MaxValue = value.Total;
            task.Value = value.Done;
            task.Description = $"[green]{value.Computed} computed[/] · [blue]{value.Cached} from cache[/]" + (value.Failed > 0 ? $" · [red]{value.Failed} failed[/]" : "");
        }
    }
}
