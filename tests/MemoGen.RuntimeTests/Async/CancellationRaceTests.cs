using System;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Async;

/// <summary>A caller arriving while the only other caller cancels never inherits that cancellation.</summary>
public sealed class CancellationRaceTests
{
    private static readonly Func<TaskCompletionSource<int>, CancellationToken, ValueTask<int>> s_waitForGate =
        static async (gate, token) => await gate.Task.WaitAsync(token);

    [Test]
    public async Task ALateCallerGetsTheValueWhateverTheInterleaving()
    {
        var table = TestTables.Create<int>();

        for (int i = 0; i < 300; i++)
        {
            var key = new IntKey(i);
            var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var cancellation = new CancellationTokenSource();
            using var start = new Barrier(2);
            Task<int> first = table.GetOrComputeAsync(in key, gate, s_waitForGate, cancellation.Token).AsTask();

            Task cancel = Task.Run(() =>
            {
                start.SignalAndWait(TestTables.HangGuard);
                cancellation.Cancel();
            });
            Task<int> late = Task.Run(async () =>
            {
                start.SignalAndWait(TestTables.HangGuard);
                return await table.GetOrComputeAsync(key, gate, s_waitForGate, CancellationToken.None);
            });
            await cancel.WaitAsync(TestTables.HangGuard);
            gate.SetResult(i);

            Assert.That(await late.WaitAsync(TestTables.HangGuard), Is.EqualTo(i), $"round {i}");
            try
            {
                Assert.That(await first.WaitAsync(TestTables.HangGuard), Is.EqualTo(i));
            }
            catch (OperationCanceledException)
            {
                // The first caller asked for its cancellation; it may or may not have come before the value.
            }
        }
    }
}
