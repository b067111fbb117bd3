using System;
using System.Linq;
using System.Threading.Tasks;
using MemoGen.PostgresTests.Support;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>Real worker processes sharing one point space through the shared tier; executions counted outside the database.</summary>
[TestFixture]
public sealed class WorkerProcessTests : StoreFixture
{
    private static readonly TimeSpan ProcessPatience = TimeSpan.FromMinutes(2);

    [Test]
    public async Task Four_processes_over_200_points_compute_each_point_once()
    {
        const int Points = 200;
        WorkerProcess[] workers = Enumerable.Range(0, 4).Select(seed => WorkerProcess.Start(ConnectionString, Points, 5, seed)).ToArray();
        try
        {
            foreach (WorkerProcess worker in workers)
            {
                Assert.That(await worker.ExitCodeAsync(ProcessPatience), Is.Zero, worker.Errors());
            }

            int[] executions = workers.SelectMany(w => w.Computed).ToArray();
            string warnings = string.Join(Environment.NewLine, workers.Select(w => w.Errors()));
            Assert.That(executions.Order(), Is.EqualTo(Enumerable.Range(0, Points)), $"every point computed exactly once; worker warnings: {warnings}");
            Assert.That(workers.Count(w => w.Computed.Length > 0), Is.GreaterThan(1), "the work was shared");
        }
        finally
        {
            Array.ForEach(workers, w => w.Dispose());
        }
    }

    [Test]
    public async Task A_worker_killed_mid_computation_is_taken_over_with_at_most_one_extra_execution()
    {
        const int Points = 40;
        WorkerProcess victim = WorkerProcess.Start(ConnectionString, Points, 200, seed: 0);
        WorkerProcess[] others = Enumerable.Range(1, 2).Select(seed => WorkerProcess.Start(ConnectionString, Points, 200, seed)).ToArray();
        try
        {
            await WaitUntilAsync(() => victim.Computed.Length >= 2, "the victim computes");
            victim.KillHard();
            await victim.ExitCodeAsync(ProcessPatience);
            Assert.That(victim.Finished, Is.False, "the victim was killed before the end of the sweep");
            foreach (WorkerProcess worker in others)
            {
                Assert.That(await worker.ExitCodeAsync(ProcessPatience), Is.Zero, worker.Errors());
            }

            int[] executions = others.SelectMany(w => w.Computed).Concat(victim.Computed).ToArray();
            Assert.That(executions.Distinct().Order(), Is.EqualTo(Enumerable.Range(0, Points)), "every point computed");
            Assert.That(executions.Length, Is.LessThanOrEqualTo(Points + 1), "at most one extra execution");
            Assert.That(await ScalarAsync<long>("SELECT count(*) FROM memogen.entry"), Is.EqualTo(Points));
        }
        finally
        {
            victim.Dispose();
            Array.ForEach(others, w => w.Dispose());
        }
    }

    [Test]
    public async Task Workers_all_killed_half_way_and_restarted_compute_only_the_rest()
    {
        const int Points = 40;
        WorkerProcess[] first = Enumerable.Range(0, 2).Select(seed => WorkerProcess.Start(ConnectionString, Points, 100, seed)).ToArray();
        WorkerProcess[] second = [];
        try
        {
            await WaitUntilAsync(() => first.Sum(w => w.Computed.Length) >= Points / 2, "half the points are computed");
            Array.ForEach(first, w => w.KillHard());
            foreach (WorkerProcess killed in first)
            {
                await killed.ExitCodeAsync(ProcessPatience); // what it printed before dying is all read
            }

            int[] before = first.SelectMany(w => w.Computed).ToArray();
            second = Enumerable.Range(2, 2).Select(seed => WorkerProcess.Start(ConnectionString, Points, 100, seed)).ToArray();
            foreach (WorkerProcess worker in second)
            {
                Assert.That(await worker.ExitCodeAsync(ProcessPatience), Is.Zero, worker.Errors());
            }

            int[] after = second.SelectMany(w => w.Computed).ToArray();
            Assert.That(before.Concat(after).Distinct().Order(), Is.EqualTo(Enumerable.Range(0, Points)), "every point computed");
            Assert.That(after.Length, Is.LessThanOrEqualTo(Points - before.Distinct().Count() + first.Length), "only the rest (and the points in flight at the kill) computed again");
        }
        finally
        {
            Array.ForEach(first, w => w.Dispose());
            Array.ForEach(second, w => w.Dispose());
        }
    }

    [Test]
    public async Task A_worker_frozen_longer_than_the_keepalive_causes_no_double_computation()
    {
        const int Points = 30;
        WorkerProcess[] workers = Enumerable.Range(0, 3).Select(seed => WorkerProcess.Start(ConnectionString, Points, 200, seed)).ToArray();
        WorkerProcess frozen = workers[0];
        try
        {
            await WaitUntilAsync(() => frozen.Computed.Length >= 2, "the worker to freeze computes");
            frozen.Signal("STOP");
            try
            {
                // Longer than the keepalives (5 s): the frozen host's kernel still answers them, so its session and locks live on.
                await Task.Delay(TimeSpan.FromSeconds(8));
            }
            finally
            {
                frozen.Signal("CONT");
            }

            foreach (WorkerProcess worker in workers)
            {
                Assert.That(await worker.ExitCodeAsync(ProcessPatience), Is.Zero, worker.Errors());
            }

            int[] executions = workers.SelectMany(w => w.Computed).ToArray();
            Assert.That(executions.Order(), Is.EqualTo(Enumerable.Range(0, Points)), "every point computed exactly once");
        }
        finally
        {
            Array.ForEach(workers, w => w.Dispose());
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow + ProcessPatience;
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }
}
