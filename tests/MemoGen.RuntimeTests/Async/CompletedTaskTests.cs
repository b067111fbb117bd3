using System.Threading;
using System.Threading.Tasks;
using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Async;

public sealed class CompletedTaskTests
{
    [Test]
    public async Task TryGetCompletedTaskReturnsTheSameTaskEveryTime()
    {
        var table = TestTables.Create<int>();
        var key = new IntKey(1);
        int value = await table.GetOrComputeTaskAsync(in key, 0, static async (_, _) => { await Task.Yield(); return 8; }, CancellationToken.None);

        Assert.That(table.TryGetCompletedTask(key, out Task<int>? first), Is.True);
        Assert.That(table.TryGetCompletedTask(key, out Task<int>? second), Is.True);

        Assert.That(value, Is.EqualTo(8));
        Assert.That(second, Is.SameAs(first));
        Assert.That(first!.IsCompletedSuccessfully, Is.True);
        Assert.That(first.Result, Is.EqualTo(8));
        Assert.That(table.Statistics.Hits, Is.EqualTo(2));
    }

    [Test]
    public void AnEntryComputedSynchronouslyGetsItsTaskOnce()
    {
        var table = TestTables.Create<int>();
        var key = new IntKey(1);
        table.GetOrCompute(in key, 0, static _ => 3);

        Assert.That(table.TryGetCompletedTask(key, out Task<int>? first), Is.True);
        Assert.That(table.TryGetCompletedTask(key, out Task<int>? second), Is.True);
        Assert.That(second, Is.SameAs(first));
    }

    [Test]
    public async Task GetOrComputeTaskAsyncAnswersHitsWithTheCachedTask()
    {
        var table = TestTables.Create<int>();
        var key = new IntKey(1);
        await table.GetOrComputeTaskAsync(in key, 0, static (_, _) => new ValueTask<int>(4), CancellationToken.None);
        table.TryGetCompletedTask(key, out Task<int>? cached);

        Task<int> hit = table.GetOrComputeTaskAsync(in key, 0, static (_, _) => new ValueTask<int>(-1), CancellationToken.None);

        Assert.That(hit, Is.SameAs(cached));
    }

    [Test]
    public void AMissingKeyHasNoTask()
    {
        var table = TestTables.Create<int>();

        Assert.That(table.TryGetCompletedTask(new IntKey(1), out Task<int>? task), Is.False);
        Assert.That(task, Is.Null);
    }
}
