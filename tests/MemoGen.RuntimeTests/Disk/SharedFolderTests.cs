using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.RuntimeTests.Disk.Support;
using MemoGen.RuntimeTests.Support;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using MemoGen.TestSupport;

namespace MemoGen.RuntimeTests.Disk;

/// <summary>
/// Several contexts on several threads sharing one folder, as several processes would (the integration tests run real
/// processes too): concurrent writers of one key never leave a bad entry, and readers never see half of one.
/// </summary>
public sealed class SharedFolderTests
{
    private const int Keys = 8;
    private const int Length = 50_000;

    [Test]
    public void Concurrent_writers_and_readers_of_the_same_keys_never_see_a_bad_entry()
    {
        using var store = new TempStore();
        var logger = new ListLogger { MinimumLevel = LogLevel.Warning };
        var function = DiskTables.Function<double[]>("shared");
        using var start = new Barrier(4);

        Task[] workers = Enumerable.Range(0, 4).Select(worker => Task.Factory.StartNew(() =>
        {
            var options = DiskTables.Options(store, logger: logger);
            start.SignalAndWait(TestTables.HangGuard);
            for (int round = 0; round < 6; round++)
            {
                // A fresh context each round: every lookup goes to disk, and the recomputations overwrite.
                var table = DiskTables.Fresh(function, options);
                for (int key = 0; key < Keys; key++)
                {
                    double[] value = (round + worker) % 3 == 0
                        ? table.Recompute(new NumberKey(key), key, static k => Make(k))
                        : DiskTables.Get(table, key, new Counted<double[]>(Make));
                    Assert.That(value[^1], Is.EqualTo(Make(key)[^1]));
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        Assert.That(Task.WaitAll(workers, TimeSpan.FromSeconds(60)), Is.True);
        Assert.That(logger.Entries, Is.Empty, "no bad entry and no failed write");

        var check = new Counted<double[]>(Make);
        var fresh = DiskTables.Fresh(function, DiskTables.Options(store));
        for (int key = 0; key < Keys; key++)
        {
            Assert.That(DiskTables.Get(fresh, key, check), Is.EqualTo(Make(key)));
        }

        Assert.That(check.Calls, Is.Zero, "every key ends with one valid entry");
        Assert.That(Directory.GetFiles(store.Root, "*.tmp", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void Concurrent_first_writers_of_one_key_in_separate_contexts_all_succeed()
    {
        using var store = new TempStore();
        var logger = new ListLogger { MinimumLevel = LogLevel.Warning };
        var function = DiskTables.Function<double[]>("racing");
        using var start = new Barrier(6);

        Task<double[]>[] writers = Enumerable.Range(0, 6)
            .Select(_ => Task.Factory.StartNew(() =>
            {
                var table = DiskTables.Fresh(function, DiskTables.Options(store, logger: logger));
                start.SignalAndWait(TestTables.HangGuard);
                return DiskTables.Get(table, 3, new Counted<double[]>(Make));
            }, TaskCreationOptions.LongRunning))
            .ToArray();

        Assert.That(Task.WaitAll(writers, TimeSpan.FromSeconds(60)), Is.True);
        Assert.That(writers.Select(writer => writer.Result), Has.All.EqualTo(Make(3)));
        Assert.That(logger.Entries, Is.Empty);
        Assert.That(Directory.GetFiles(store.Root, "*.meta.json", SearchOption.AllDirectories), Has.Length.EqualTo(1));
    }

    private static double[] Make(int key) => Enumerable.Range(0, Length).Select(i => (i * 0.25) + key).ToArray();
}
