using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Tables;

public sealed class TableOperationsTests
{
    [Test]
    public void ContainsSeesOnlyCompletedEntriesAndCountsNothing()
    {
        var table = TestTables.Create<int>();
        var key = new IntKey(1);

        Assert.That(table.Contains(in key), Is.False);
        table.GetOrCompute(in key, 0, static _ => 5);
        Assert.That(table.Contains(in key), Is.True);
        Assert.That(table.Contains(new IntKey(2)), Is.False);
        Assert.That(table.Statistics.Hits, Is.Zero);
    }

    [Test]
    public void InvalidateRemovesOneEntry()
    {
        var table = TestTables.Create<int>();
        TestTables.Fill(table, 1, 2);
        var one = new IntKey(1);

        Assert.That(table.Invalidate(in one), Is.True);
        Assert.That(table.Invalidate(in one), Is.False);
        Assert.That(table.Contains(in one), Is.False);
        Assert.That(table.Contains(new IntKey(2)), Is.True);
        Assert.That(table.Statistics.Entries, Is.EqualTo(1));

        int calls = 0;
        table.GetOrCompute(in one, 0, _ => ++calls);
        Assert.That(calls, Is.EqualTo(1), "an invalidated entry is computed again");
    }

    [Test]
    public void ClearRemovesEveryEntryAndReportsHowMany()
    {
        var table = TestTables.Create<int>();
        TestTables.Fill(table, 1, 2, 3);

        Assert.That(table.Clear(), Is.EqualTo(3));
        Assert.That(table.Contains(new IntKey(2)), Is.False);
        Assert.That(table.Statistics.Entries, Is.Zero);
        Assert.That(table.Statistics.EstimatedBytes, Is.Zero);
        Assert.That(table.Clear(), Is.Zero);
    }

    [Test]
    public void RecomputeReplacesTheCachedValue()
    {
        var table = TestTables.Create<int>();
        var key = new IntKey(1);
        table.GetOrCompute(in key, 0, static _ => 1);

        Assert.That(table.Recompute(in key, 0, static _ => 2), Is.EqualTo(2));
        Assert.That(table.TryGetValue(key, out int cached), Is.True);
        Assert.That(cached, Is.EqualTo(2));
        Assert.That(table.Statistics.Entries, Is.EqualTo(1));
    }

    [Test]
    public void RecomputeOfAnAbsentKeyStoresIt()
    {
        var table = TestTables.Create<int>();
        var key = new IntKey(1);

        Assert.That(table.Recompute(in key, 0, static _ => 7), Is.EqualTo(7));
        Assert.That(table.Contains(in key), Is.True);
        Assert.That(table.Statistics.Entries, Is.EqualTo(1));
    }

    [Test]
    public void AFailedRecomputeKeepsTheCachedValue()
    {
        var table = TestTables.Create<int>();
        var key = new IntKey(1);
        table.GetOrCompute(in key, 0, static _ => 1);

        Assert.Throws<InvalidDataException>(() => table.Recompute(in key, 0, static int (_) => throw new InvalidDataException()));
        Assert.That(table.TryGetValue(key, out int cached), Is.True);
        Assert.That(cached, Is.EqualTo(1));
    }

    [Test]
    public async Task RecomputeAsyncReplacesTheCachedValue()
    {
        var table = TestTables.Create<int>();
        var key = new IntKey(1);
        await table.GetOrComputeAsync(in key, 0, static (_, _) => new ValueTask<int>(1), CancellationToken.None);

        int result = await table.RecomputeAsync(in key, 0, static async (_, _) => { await Task.Yield(); return 2; }, CancellationToken.None);

        Assert.That(result, Is.EqualTo(2));
        Assert.That(table.TryGetValue(key, out int cached), Is.True);
        Assert.That(cached, Is.EqualTo(2));
        Assert.That(table.Statistics.Entries, Is.EqualTo(1));
    }

    [Test]
    public void RecomputeDuringARunningComputationWinsAndTheRunningOneStillAnswersItsCaller()
    {
        var table = TestTables.Create<int>();
        var key = new IntKey(1);
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var running = Task.Run(() => table.GetOrCompute(in key, 0, _ =>
        {
            started.Set();
            release.Wait(TestTables.HangGuard);
            return 1;
        }));
        Assert.That(started.Wait(TestTables.HangGuard), Is.True);

        table.Recompute(in key, 0, static _ => 2);
        release.Set();

        Assert.That(running.Wait(TestTables.HangGuard), Is.True);
        Assert.That(running.Result, Is.EqualTo(1));
        Assert.That(table.TryGetValue(key, out int cached), Is.True);
        Assert.That(cached, Is.EqualTo(2), "the forced result replaced the running computation's entry");
        Assert.That(table.Statistics.Entries, Is.EqualTo(1));
    }

    [Test]
    public void InvalidateDuringARunningComputationLetsItAnswerItsCallerWithoutStoringIt()
    {
        var table = TestTables.Create<int>();
        var key = new IntKey(1);
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var running = Task.Run(() => table.GetOrCompute(in key, 0, _ =>
        {
            started.Set();
            release.Wait(TestTables.HangGuard);
            return 1;
        }));
        Assert.That(started.Wait(TestTables.HangGuard), Is.True);

        Assert.That(table.Invalidate(in key), Is.False, "there was no completed entry yet");
        release.Set();

        Assert.That(running.Wait(TestTables.HangGuard), Is.True);
        Assert.That(running.Result, Is.EqualTo(1));
        Assert.That(table.Contains(in key), Is.False);
        Assert.That(table.Statistics.Entries, Is.Zero);
    }
}
