using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MemoGen.IntegrationTests.Disk.Subjects;
using NUnit.Framework;

namespace MemoGen.IntegrationTests.Disk;

/// <summary>Real processes sharing one cache folder: what one writes, another reads; concurrent writers never corrupt it.</summary>
public sealed class CrossProcessTests : CacheFolderTests
{
    private static readonly Grid Shared = new("shared", 100_000);

    [Test]
    public async Task A_second_process_reads_what_this_one_wrote()
    {
        var observatory = new Observatory(new MemoOptions { CacheDirectory = Folder });
        double sum = Observatory.Sum(observatory.Map(Shared).Span);
        observatory.Summarize(3, 4);

        (int exitCode, string output, string errors) = await ChildProcess.RunAsync("read-or-compute", Folder);

        Assert.That((exitCode, errors), Is.EqualTo((0, "")));
        Assert.That(output, Is.EqualTo(string.Create(CultureInfo.InvariantCulture, $"computations=0 loads=2 sum={sum:R} ratio=0.75 mapped=False")));
    }

    [Test]
    public async Task This_process_reads_what_a_second_one_wrote()
    {
        (int exitCode, string output, string errors) = await ChildProcess.RunAsync("read-or-compute", Folder);
        Assert.That((exitCode, errors), Is.EqualTo((0, "")));
        Assert.That(output, Does.StartWith("computations=2 loads=0"));

        var observatory = new Observatory(new MemoOptions { CacheDirectory = Folder });
        Assert.That(observatory.Map(Shared).ToArray(), Is.EqualTo(Observatory.Expected(Shared)));
        Assert.That(observatory.Summarize(3, 4), Is.EqualTo(new Summary(3, 4, 0.75, "3/4")));
        Assert.That((observatory.Computations, observatory.GetStatistics().DiskLoads), Is.EqualTo((0, 2L)));
    }

    [Test]
    public async Task A_second_process_maps_what_this_one_wrote()
    {
        new Observatory(new MemoOptions { CacheDirectory = Folder }).Map(Shared);

        (int exitCode, string output, string errors) = await ChildProcess.RunAsync("read-or-compute", Folder, "mmap");

        Assert.That((exitCode, errors), Is.EqualTo((0, "")));
        Assert.That(output, Does.StartWith("computations=1 loads=1"), "the map is loaded from disk, the summary computed");
        Assert.That(output, Does.EndWith("mapped=True"), "the map is a view of the file, not a copy read into an array");
    }

    [Test]
    public async Task Concurrent_writers_in_four_processes_leave_every_entry_valid()
    {
        var children = Enumerable.Range(0, 4).Select(id => ChildProcess.RunAsync("hammer", Folder, id.ToString(CultureInfo.InvariantCulture))).ToArray();
        var results = await Task.WhenAll(children);

        Assert.That(results.Select(r => (r.ExitCode, r.Errors)), Is.All.EqualTo((0, "")), "every value right, no bad entry, no failed write");
        var observatory = new Observatory(new MemoOptions { CacheDirectory = Folder });
        for (int key = 0; key < 8; key++)
        {
            var grid = new Grid("key" + key, 20_000 + key);
            Assert.That(observatory.Map(grid).ToArray(), Is.EqualTo(Observatory.Expected(grid)));
        }

        Assert.That(observatory.Computations, Is.Zero);
        Assert.That(Directory.GetFiles(Folder, "*.meta.json", SearchOption.AllDirectories), Has.Length.EqualTo(8));
        Assert.That(Directory.GetFiles(Folder, "*.tmp", SearchOption.AllDirectories), Is.Empty);
    }
}
