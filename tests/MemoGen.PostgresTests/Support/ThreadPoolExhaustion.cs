using System;
using System.Diagnostics;
using System.Threading;
using NUnit.Framework;

namespace MemoGen.PostgresTests.Support;

/// <summary>
/// Holds every worker thread of the pool busy, with the pool's maximum lowered so that it cannot add threads, until
/// disposed (which frees them and restores the maximum).
/// </summary>
internal sealed class ThreadPoolExhaustion : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HoldAtMost = TimeSpan.FromMinutes(2);
    private readonly ManualResetEventSlim _release = new();
    private readonly int _maxWorkers;
    private readonly int _maxCompletionPorts;

    private ThreadPoolExhaustion()
    {
        ThreadPool.GetMaxThreads(out _maxWorkers, out _maxCompletionPorts);
        ThreadPool.GetMinThreads(out int minWorkers, out _);
        int workers = Math.Max(minWorkers, Environment.ProcessorCount);
        Assert.That(ThreadPool.SetMaxThreads(workers, _maxCompletionPorts), Is.True, "the pool's maximum could not be lowered");
        try
        {
            // More blockers than the pool may have threads: once some stay queued, no thread of the pool is free.
            for (int i = 0; i < workers * 2; i++)
            {
                // Bounded, so that a test that never disposes this cannot hang the test run for good.
                ThreadPool.UnsafeQueueUserWorkItem(static release => ((ManualResetEventSlim)release!).Wait(HoldAtMost), _release);
            }

            long started = Stopwatch.GetTimestamp();
            while (ThreadPool.PendingWorkItemCount < workers || !StillPendingAfterAWhile(workers))
            {
                Assert.That(Stopwatch.GetElapsedTime(started), Is.LessThan(Patience), "the pool's threads were not all taken");
                Thread.Sleep(10);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public static ThreadPoolExhaustion Begin() => new();

    public void Dispose()
    {
        _release.Set();
        ThreadPool.SetMaxThreads(_maxWorkers, _maxCompletionPorts);
    }

    private static bool StillPendingAfterAWhile(int workers)
    {
        Thread.Sleep(100);
        return ThreadPool.PendingWorkItemCount >= workers;
    }
}
