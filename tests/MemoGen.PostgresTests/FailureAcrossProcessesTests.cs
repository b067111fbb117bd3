using System;
using System.Linq;
using System.Threading.Tasks;
using MemoGen.PostgresTests.Support;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>Through <c>UsePostgres</c>, in real processes: a computation that throws reaches its waiters in other processes, and is not cached.</summary>
[TestFixture]
public sealed class FailureAcrossProcessesTests : StoreFixture
{
    private static readonly TimeSpan ProcessPatience = TimeSpan.FromMinutes(2);

    [Test]
    public async Task An_exception_reaches_the_waiter_in_another_process_and_the_next_call_computes_again()
    {
        using WorkerProcess holder = WorkerProcess.StartFailing(ConnectionString, point: 7, explode: true, attempts: 1);
        await holder.WaitForLineAsync("compute 7", ProcessPatience);
        using WorkerProcess waiter = WorkerProcess.StartFailing(ConnectionString, point: 7, explode: false, attempts: 2);
        await waiter.WaitForLineAsync("waiting", ProcessPatience);

        holder.SendLine("go");

        Assert.That(await holder.ExitCodeAsync(ProcessPatience), Is.Zero, holder.Errors());
        Assert.That(await waiter.ExitCodeAsync(ProcessPatience), Is.Zero, waiter.Errors());
        Assert.That(holder.Lines, Is.EqualTo(new[] { "compute 7", "threw System.IO.InvalidDataException||" }), "the holder gets its own exception");
        Assert.That(
            waiter.Lines,
            Is.EqualTo(new[]
            {
                "waiting",
                "threw MemoGen.MemoSharedComputationException|System.IO.InvalidDataException|point 7 exploded",
                "compute 7",
                "value 49",
            }),
            "the waiter gets the failure without computing, then computes on its next call");
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.failure"), Is.EqualTo(1));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.entry"), Is.EqualTo(1), "only the later success is cached");
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.claim"), Is.Zero);
    }
}
