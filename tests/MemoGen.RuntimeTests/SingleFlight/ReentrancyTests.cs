using System;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.SingleFlight;

public sealed class ReentrancyTests
{
    [Test]
    public void AComputationThatCallsItselfThrowsInsteadOfDeadlocking()
    {
        var table = TestTables.Create<int>();
        var key = new IntKey(1);

        var exception = Assert.Throws<InvalidOperationException>(
            () => table.GetOrCompute(in key, table, static t => t.GetOrCompute(new IntKey(1), 0, static _ => 0)));

        Assert.That(exception!.Message, Does.Contain("'f'").And.Contain("its own computation"));
        Assert.That(table.Contains(in key), Is.False);
    }

    [Test]
    public void ARecursionThroughAnotherKeyIsDetectedToo()
    {
        var table = TestTables.Create<int>();
        var one = new IntKey(1);

        Assert.Throws<InvalidOperationException>(() => table.GetOrCompute(in one, table, static t =>
            t.GetOrCompute(new IntKey(2), t, static t2 => t2.GetOrCompute(new IntKey(1), 0, static _ => 0))));
    }

    [Test]
    public void RecursionOnOtherKeysIsAllowed()
    {
        var table = TestTables.Create<long>();

        Assert.That(Fibonacci(table, 40), Is.EqualTo(102_334_155));
        Assert.That(table.Statistics.Misses, Is.EqualTo(41));
    }

    [Test]
    public async Task AnAsynchronousComputationThatAwaitsItselfThrowsInsteadOfHanging()
    {
        var table = TestTables.Create<int>();
        var key = new IntKey(1);

        Task<int> outer = table.GetOrComputeAsync(in key, table, static async (t, token) =>
        {
            await Task.Yield();
            return await t.GetOrComputeAsync(new IntKey(1), 0, static (_, _) => new ValueTask<int>(0), token);
        }, CancellationToken.None).AsTask();

        Assert.That(async () => await outer.WaitAsync(TestTables.HangGuard), Throws.InvalidOperationException);
        Assert.That(table.Contains(in key), Is.False);
    }

    [Test]
    public async Task ConcurrentAsynchronousCallersAreNotMistakenForRecursion()
    {
        var table = TestTables.Create<int>();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var key = new IntKey(1);

        Task<int> first = table.GetOrComputeAsync(in key, gate, static async (g, _) => await g.Task, CancellationToken.None).AsTask();
        Task<int> second = Task.Run(async () =>
            await table.GetOrComputeAsync(new IntKey(1), gate, static async (g, _) => await g.Task, CancellationToken.None));
        TestTables.WaitUntil(() => table.CountWaitingCallers(in key) == 2, "both callers wait");
        gate.SetResult(5);

        Assert.That(await first.WaitAsync(TestTables.HangGuard), Is.EqualTo(5));
        Assert.That(await second.WaitAsync(TestTables.HangGuard), Is.EqualTo(5));
    }

    private static long Fibonacci(MemoTable<IntKey, long> table, int n)
    {
        var key = new IntKey(n);
        if (table.TryGetValue(key, out long cached))
        {
            return cached;
        }

        return table.GetOrCompute(in key, (table, n), static s => s.n < 2 ? s.n : Fibonacci(s.table, s.n - 1) + Fibonacci(s.table, s.n - 2));
    }
}
