using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using MemoGen.ReliabilityTests.Subjects;
using MemoGen.ReliabilityTests.Support;
using NUnit.Framework;

namespace MemoGen.ReliabilityTests;

/// <summary>4 processes × 4 threads call the same keys against one cache folder, released at once.</summary>
[NonParallelizable]
public sealed class ContentionTests
{
    private const int Processes = 4;
    private const int Threads = 4;
    private const int Keys = 24;

    private TempFolder? _folder;

    [SetUp]
    public void CreateFolder() => _folder = new TempFolder("contend");

    [TearDown]
    public void DeleteFolder() => _folder?.Dispose();

    [Test]
    public async Task Four_processes_of_four_threads_get_every_value_right()
    {
        string root = _folder!.Root;
        var children = Enumerable.Range(0, Processes)
            .Select(id => Child.Start("contend", root, id.ToString(CultureInfo.InvariantCulture), Keys.ToString(CultureInfo.InvariantCulture), Threads.ToString(CultureInfo.InvariantCulture)))
            .ToArray();
        try
        {
            await Task.WhenAll(children.Select(c => c.WaitReadyAsync()));
            foreach (Child child in children)
            {
                child.Send("go");
            }

            await Task.WhenAll(children.Select(c => c.WaitForExitAsync()));

            // Per process and key: how many times it computed the key (single flight within a process: at most once).
            var perProcess = new List<string>();
            var medium = new int[Keys];
            var small = new int[Keys];
            for (int id = 0; id < Processes; id++)
            {
                string[][] computed = children[id].Lines.Where(l => l.StartsWith("computed ", System.StringComparison.Ordinal)).Select(l => l.Split(' ')).ToArray();
                Assert.That(computed.Select(parts => int.Parse(parts[1], CultureInfo.InvariantCulture)), Is.EquivalentTo(Enumerable.Range(0, Keys)), $"process {id} reports every key once");
                foreach (string[] parts in computed)
                {
                    int key = int.Parse(parts[1], CultureInfo.InvariantCulture);
                    int mediumHere = int.Parse(parts[2], CultureInfo.InvariantCulture);
                    int smallHere = int.Parse(parts[3], CultureInfo.InvariantCulture);
                    if (mediumHere > 1 || smallHere > 1)
                    {
                        perProcess.Add($"process {id} computed key {key} {mediumHere} times (medium) and {smallHere} times (small)");
                    }

                    medium[key] += mediumHere;
                    small[key] += smallHere;
                }
            }

            string summary = string.Join("; ", children.Select(c => c.Lines.LastOrDefault()));
            string line = $"contention: {Processes} processes x {Threads} threads, {Keys} keys x 2 functions; computations per key: "
                + $"medium (2 MiB raw) min {medium.Min()} max {medium.Max()} mean {medium.Average():F2}, "
                + $"small (JSON) min {small.Min()} max {small.Max()} mean {small.Average():F2}; per process: {summary}";
            TestContext.Out.WriteLine(line);
            TestContext.Progress.WriteLine(line);

            Assert.That(children.Select(c => (c.ExitCode, c.Errors)), Is.All.EqualTo((0, "")), "every value right, no exception, no warning");
            Assert.That(perProcess, Is.Empty, "at most one computation per key per process");
            Assert.That(medium.Concat(small), Is.All.InRange(1, Processes), "every key computed by at least one process (the folder started empty), by each at most once");

            // Afterwards the folder holds one complete entry per key and function, which a fresh reader loads.
            var reader = new Lab(new MemoOptions { CacheDirectory = root });
            for (int key = 0; key < Keys; key++)
            {
                Assert.That(Workload.Mismatch(key, reader.Medium(key).Span, Lab.MediumLength), Is.Null);
                Assert.That(reader.Small(key), Is.EqualTo(Workload.Small(key)));
            }

            Assert.That(reader.Computations, Is.Zero);
            Assert.That(CacheFolder.Entries(root), Is.EqualTo(2 * Keys));
        }
        finally
        {
            foreach (Child child in children)
            {
                child.Dispose();
            }
        }
    }
}
