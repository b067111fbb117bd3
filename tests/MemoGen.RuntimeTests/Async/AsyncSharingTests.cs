using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Async;

public sealed class AsyncSharingTests
{
    [Test]
    public async Task TheAwaitedValueIsCached()
    {
        var table = TestTables.Create<string>();
        var key = new IntKey(1);

        string first = await table.GetOrComputeAsync(in key, 0, static async (_, _) => { await Task.Yield(); return "one"; }, CancellationToken.None);

        Assert.That(first, Is.EqualTo("one"));
        Assert.That(table.TryGetValue(key, out string? cached), Is.True);
        Assert.That(cached, Is.EqualTo("one"));
        Assert.That(table.Statistics.Entries, Is.EqualTo(1));
    }

    [Test]
    public async Task ConcurrentCallersShareOneComputation()
    {
        var table = TestTables.Create<int>();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var key = new IntKey(1);
        int calls = 0;
        Func<int, CancellationToken, ValueTask<int>> compute = async (_, _) =>
        {
            Interlocked.Increment(ref calls);
            return await gate.Task;
        };

        Task<int>[] callers = Enumerable.Range(0, 5)
            .Select(_ => Task.Run(async () => await table.GetOrComputeAsync(new IntKey(1), 0, compute, CancellationToken.None)))
            .ToArray();
        TestTables.WaitUntil(() => table.CountWaitingCallers(in key) == 5, "every caller waits");
        gate.SetResult(42);

        int[] results = await Task.WhenAll(callers).WaitAsync(TestTables.HangGuard);
        Assert.That(results, Is.All.EqualTo(42));
        Assert.That(calls, Is.EqualTo(1));
        Assert.That(table.Statistics.Misses, Is.EqualTo(1));
    }

    [Test]
    public async Task AnExceptionReachesEveryWaiterAndIsNotCached()
    {
        var table = TestTables.Create<int>();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var failure = new InvalidDataException("boom");
        var key = new IntKey(1);
        int calls = 0;
        Func<int, CancellationToken, ValueTask<int>> compute = async (_, _) =>
        {
            Interlocked.Increment(ref calls);
            return await gate.Task;
        };

        Task<int>[] callers = Enumerable.Range(0, 3)
            .Select(_ => table.GetOrComputeAsync(in key, 0, compute, CancellationToken.None).AsTask())
            .ToArray();
        gate.SetException(failure);

        foreach (Task<int> caller in callers)
        {
            Assert.That(async () => await caller.WaitAsync(TestTables.HangGuard), Throws.Exception.SameAs(failure));
        }

        Assert.That(calls, Is.EqualTo(1));
        Assert.That(table.Contains(in key), Is.False);

        int again = await table.GetOrComputeAsync(in key, 0, static (_, _) => new ValueTask<int>(9), CancellationToken.None);
        Assert.That(again, Is.EqualTo(9), "a later call computes again");
    }

    [Test]
    public void AComputationThatThrowsBeforeItsFirstAwaitFailsTheCall()
    {
        var table = TestTables.Create<int>();
        var key = new IntKey(1);

        Assert.That(
            async () => await table.GetOrComputeAsync(in key, 0, static ValueTask<int> (_, _) => throw new InvalidDataException(), CancellationToken.None),
            Throws.InstanceOf<InvalidDataException>());
        Assert.That(table.Contains(in key), Is.False);
    }

    [Test]
    public async Task ASynchronousCallerWaitsForARunningAsynchronousComputation()
    {
        var table = TestTables.Create<int>();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var key = new IntKey(1);

        Task<int> asynchronous = table.GetOrComputeAsync(in key, gate, static async (g, _) => await g.Task, CancellationToken.None).AsTask();
        Task<int> synchronous = Task.Run(() => table.GetOrCompute(new IntKey(1), 0, static _ => -1));
        TestTables.WaitUntil(() => table.CountWaitingCallers(in key) == 2, "both callers wait");
        gate.SetResult(3);

        Assert.That(await synchronous.WaitAsync(TestTables.HangGuard), Is.EqualTo(3));
        Assert.That(await asynchronous.WaitAsync(TestTables.HangGuard), Is.EqualTo(3));
    }
}
