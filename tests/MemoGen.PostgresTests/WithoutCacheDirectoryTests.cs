using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Subjects;
using MemoGen.PostgresTests.Support;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary><c>UsePostgres</c> alone: entries staged in the shared tier's own folder, which is left empty once they are shared.</summary>
[TestFixture]
public sealed class WithoutCacheDirectoryTests : StoreFixture
{
    [Test]
    public void A_result_computed_without_a_cache_directory_is_a_hit_in_another_process()
    {
        var executions = new ConcurrentDictionary<int, int>();
        MemoOptions firstOptions = Options();
        MemoOptions secondOptions = Options();

        double[] computed = [.. new SquaresContext(firstOptions, executions).Squares(1000)];
        double[] fetched = [.. new SquaresContext(secondOptions, executions).Squares(1000)];

        Assert.That(fetched, Is.EqualTo(computed));
        Assert.That(executions[1000], Is.EqualTo(1), "the second context read the shared entry");
        Assert.That(StagedFiles(firstOptions), Is.Empty, "a published entry leaves the staging folder");
        Assert.That(StagedFiles(secondOptions), Is.Empty, "a fetched entry leaves the staging folder once loaded");
    }

    [Test]
    public void A_one_gibibyte_remote_hit_is_streamed_through_the_staging_folder_not_held_twice()
    {
        const int Count = 128 * 1024 * 1024; // 1 GiB of doubles
        var executions = new ConcurrentDictionary<int, int>();
        ComputeAndPublish(Count, executions);
        var reader = new SquaresContext(Options(), executions);
        GC.Collect();

        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var fetched = reader.Squares(Count);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.That(executions[Count], Is.EqualTo(1));
        Assert.That(fetched[Count - 1], Is.EqualTo((double)(Count - 1) * (Count - 1)));
        Assert.That(allocated, Is.LessThan((Count * 8L) + (64L * 1024 * 1024)), "the array once, plus chunk buffers");
    }

    /// <summary>Computes and publishes in a context of its own, which is dropped, so the writer's array can be collected.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ComputeAndPublish(int count, ConcurrentDictionary<int, int> executions) =>
        _ = new SquaresContext(Options(), executions).Squares(count).Length;

    private MemoOptions Options()
    {
        var options = new MemoOptions { LoggerFactory = Log };
        options.SharedTier = new PostgresSharedTier(ConnectionString, options, SharedWorker.FastSettings);
        return options;
    }

    private static string[] StagedFiles(MemoOptions options) =>
        Support.StagedFiles.Of(options);
}
