using System;
using System.IO;
using System.Threading;
using MemoGen.Disk;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Disk.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Disk;

public sealed class DiskWarmUpTests
{
    [Test]
    public void The_warm_up_parses_metadata_of_the_current_entry_format()
    {
        // A sample this runtime rejects would warm up the failure path instead of the one a first hit takes.
        EntryMetadata metadata = EntryMetadataJson.Read(DiskWarmUp.SampleMetadata);

        Assert.That(metadata.EntryFormat, Is.EqualTo(EntryMetadata.CurrentFormat));
        Assert.That(metadata.Files, Has.Count.EqualTo(1));
    }

    [Test]
    public void The_warm_up_creates_nothing_in_the_cache_folder()
    {
        using var store = new TempStore();
        string cache = Path.Combine(store.Root, "cache");

        DiskWarmUp.Run(cache);

        Assert.That(Directory.Exists(cache), Is.False);
        Assert.That(Directory.GetFileSystemEntries(store.Root), Is.Empty);
    }

    [Test]
    public void A_failing_warm_up_ends_its_background_thread_and_leaves_the_process_running()
    {
        // An exception escaping a thread would end the test process, failing the run.
        using var release = new ManualResetEventSlim();
        Thread? thread = WarmUpThread.Start("MemoGen test warm-up", () =>
        {
            release.Wait(TimeSpan.FromSeconds(30));
            throw new InvalidOperationException("warm-up failure");
        });

        Assert.That(thread, Is.Not.Null);
        Assert.That(thread!.IsBackground, Is.True, "a warm-up never keeps a process alive");
        release.Set();
        Assert.That(thread.Join(TimeSpan.FromSeconds(30)), Is.True);
    }
}
