using System;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Diagnostics;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Disk.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Faults;

/// <summary>A metrics listener that throws from every MemoGen measurement fails no call and leaves no flight pending.</summary>
[NonParallelizable]
public sealed class ThrowingMetricsListenerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Calls_get_their_value_while_every_measurement_throws()
    {
        using var store = new TempStore();
        using MeterListener listener = ThrowingListener();
        var table = new MemoFunction<NumberKey, int>("f", "v1", [MemoTags.Disk]).TableIn(new MemoContext(new MemoOptions { CacheDirectory = store.Root }));
        long before = MemoMetrics.Failures;
        var one = new NumberKey(1);
        var two = new NumberKey(2);

        Task<int> sync = Task.Run(() => table.GetOrCompute(in one, 10, static v => v));
        Assert.That(sync.Wait(Timeout), Is.True);
        int async = await table.GetOrComputeTaskAsync(in two, 20, static async (v, _) =>
        {
            await Task.Yield();
            return v;
        }, CancellationToken.None).WaitAsync(Timeout);

        Assert.That((sync.Result, async), Is.EqualTo((10, 20)));
        Assert.That(table.TryGetValue(one, out int cached) ? cached : -1, Is.EqualTo(10), "cached despite the listener");
        Assert.That(MemoMetrics.Failures, Is.GreaterThan(before), "the failures are counted");
    }

    private static MeterListener ThrowingListener()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MemoMetrics.MeterName && instrument.Name != "memogen.side_effect.failures")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => throw new InvalidOperationException("listener bug"));
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => throw new InvalidOperationException("listener bug"));
        listener.Start();
        return listener;
    }
}
