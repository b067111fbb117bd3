using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;

namespace MemoGen.IntegrationTests.Subjects;

/// <summary>Form 2: static functions with an explicit context.</summary>
public static partial class Spectra
{
    private static int _calls;
    private static int _tokenCancellations;

    public static int Calls => _calls;

    public static int TokenCancellations => _tokenCancellations;

    /// <summary>Completed by tests to let a pending computation finish.</summary>
    public static TaskCompletionSource Release { get; set; } = CompletedRelease();

    public static TaskCompletionSource CompletedRelease()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        release.SetResult();
        return release;
    }

    public static void Reset()
    {
        _calls = 0;
        _tokenCancellations = 0;
        Release = CompletedRelease();
    }

    [Memoize(Name = "frobnify")]
    public static partial Task<Spectrum> FrobnifyAsync(MemoContext context, double[] samples, IProgress<int>? progress, CancellationToken cancellationToken);

    private static async Task<Spectrum> FrobnifyAsyncCore(MemoContext context, double[] samples, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        try
        {
            await Release.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _tokenCancellations);
            throw;
        }

        progress?.Report(100);
        var peak = double.MinValue;
        foreach (var sample in samples)
        {
            peak = Math.Max(peak, sample);
        }

        return new Spectrum(peak, ImmutableArray.Create(samples));
    }

    [Memoize]
    public static partial ValueTask<IReadOnlyList<int>> RangeAsync(MemoContext context, int start, int count);

    private static ValueTask<List<int>> RangeAsyncCore(MemoContext context, int start, int count)
    {
        Interlocked.Increment(ref _calls);
        var list = new List<int>();
        for (var i = 0; i < count; i++)
        {
            list.Add(start + i);
        }

        return ValueTask.FromResult(list);
    }
}
