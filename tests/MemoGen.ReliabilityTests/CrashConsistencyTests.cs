using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using MemoGen.ReliabilityTests.Subjects;
using MemoGen.ReliabilityTests.Support;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using MemoGen.TestSupport;

namespace MemoGen.ReliabilityTests;

/// <summary>
/// A writer process killed with SIGKILL at random moments, over and over, against one cache folder: after each kill,
/// every entry a reader can read is complete and correct (compared element by element with a recomputation), none is
/// half-visible (committed but unreadable), and every entry the writer reported finished is still there.
/// </summary>
[NonParallelizable]
public sealed class CrashConsistencyTests
{
    /// <summary>Trials per batch by default; <c>MEMOGEN_CRASH_TRIALS</c> raises it.</summary>
    private const int DefaultTrials = 25;

    /// <summary>Every this many trials, a separate reader process checks the folder too (memory-mapped).</summary>
    private const int ReaderProcessEvery = 10;

    /// <summary>Small keys per trial: each writer starts at trial × this, so each trial writes new entries.</summary>
    private const int KeysPerTrial = 100_000;

    private TempFolder? _folder;

    [SetUp]
    public void CreateFolder() => _folder = new TempFolder("crash");

    [TearDown]
    public void DeleteFolder() => _folder?.Dispose();

    /// <summary>
    /// Four batches of trials, each a test of its own on a folder of its own, so that a slow machine is never mistaken
    /// for a hang by CI's hang timeout (which restarts with each test).
    /// </summary>
    [Test]
    public async Task A_writer_killed_at_random_moments_never_leaves_a_wrong_partial_or_lost_entry([Range(1, 4)] int batch)
    {
        int trials = int.TryParse(TestSwitches.Read("MEMOGEN_CRASH_TRIALS"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > DefaultTrials
            ? n
            : DefaultTrials;
        // A new seed each run covers more moments over time; MEMOGEN_CRASH_SEED replays the kill delays of a run.
        int seed = int.TryParse(TestSwitches.Read("MEMOGEN_CRASH_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int s)
            ? s
            : Environment.TickCount & int.MaxValue;
        seed += batch;
        var random = new Random(seed);
        string root = _folder!.Root;
        var problems = new List<string>();
        int midWrite = 0, readerProcesses = 0, reportedBig = 0, reportedSmall = 0, present = 0, checkedKeys = 0;
        long orphanBytes = 0;
        var clock = Stopwatch.StartNew();
        Report($"crash consistency, batch {batch}: {trials} trials, seed {seed} (replay with MEMOGEN_CRASH_SEED={seed - batch}), folder {root}");

        for (int trial = 0; trial < trials; trial++)
        {
            int first = trial * KeysPerTrial;
            int delay = random.Next(0, 600);
            using (Child writer = Child.Start("write", root, first.ToString(CultureInfo.InvariantCulture)))
            {
                await writer.WaitReadyAsync();

                // Every other trial counts its delay from the writer's first commit (a 64 MiB entry), so that however
                // slow the machine, half the kills land after something was committed, most of them inside a write.
                if (trial % 2 == 1)
                {
                    Assert.That(await writer.WaitForLineAsync(l => l.StartsWith("big ", StringComparison.Ordinal)), Is.True, $"trial {trial}: the writer committed its first entry; seed {seed}; {writer.Errors}");
                }

                await Task.Delay(delay);
                await writer.KillAsync();

                // What the writer reported finished: each line is printed after its entry was committed.
                string[] finished = writer.Lines.Where(l => l != "ready").ToArray();
                var finishedSmall = finished.Where(l => l.StartsWith("small ", StringComparison.Ordinal)).Select(l => int.Parse(l[6..], CultureInfo.InvariantCulture)).ToHashSet();
                var finishedBig = finished.Where(l => l.StartsWith("big ", StringComparison.Ordinal)).Select(l => int.Parse(l[4..], CultureInfo.InvariantCulture)).ToHashSet();
                reportedSmall += finishedSmall.Count;
                reportedBig += finishedBig.Count;
                if (writer.Errors.Length > 0)
                {
                    problems.Add($"trial {trial}: the writer warned: {writer.Errors}");
                }

                (int orphans, long bytes) = CacheFolder.Uncommitted(root);
                if (orphans > 0)
                {
                    midWrite++;
                    orphanBytes += bytes;
                }

                int to = first + (finishedSmall.Where(k => k >= 0).DefaultIfEmpty(first).Max() - first) + 16;

                // A separate reader process, mapping big entries, for some trials.
                if (trial % ReaderProcessEvery == ReaderProcessEvery - 1)
                {
                    readerProcesses++;
                    using Child reader = await Child.RunAsync("verify", root, first.ToString(CultureInfo.InvariantCulture), to.ToString(CultureInfo.InvariantCulture), "mmap");
                    if (reader.ExitCode != 0 || reader.Errors.Length > 0)
                    {
                        problems.Add($"trial {trial}: the reader process exited {reader.ExitCode}: {string.Join(" | ", reader.Lines)} {reader.Errors}");
                    }
                }

                // The in-test reader: a fresh context on the same folder.
                var logger = new ListLogger { MinimumLevel = LogLevel.Warning };
                var lab = new Lab(new MemoOptions { CacheDirectory = root, LoggerFactory = logger, OrphanGracePeriod = TimeSpan.Zero });
                Verification result = Verifier.Check(lab, Enumerable.Range(first, to - first).Concat([-1, -2, -3, -4]), Enumerable.Range(0, 4));
                checkedKeys += result.Checked;
                present += result.Present;
                problems.AddRange(result.Problems.Select(p => $"trial {trial}: {p}"));
                problems.AddRange(logger.Entries.Select(e => $"trial {trial}: the reader logged {e.Level}: {e.Message}"));
                foreach (int key in finishedSmall.Where(k => !lab.SmallMemo.IsCached(k)))
                {
                    problems.Add($"trial {trial}: small {key} was reported finished but is not on disk");
                }

                foreach (int key in finishedBig.Where(k => !lab.BigMemo.IsCached(k)))
                {
                    problems.Add($"trial {trial}: big {key} was reported finished but is not on disk");
                }

                // Clean up what the killed write left (the store's own pruning, with no grace period), so the folder
                // does not grow by 64 MiB a kill; afterwards every file belongs to a committed entry.
                lab.PruneDisk();
                if (CacheFolder.Uncommitted(root).Files > 0)
                {
                    problems.Add($"trial {trial}: pruning left files of uncommitted writes");
                }
            }

            if (problems.Count > 0)
            {
                break;
            }

            if ((trial + 1) % 5 == 0)
            {
                TestContext.Progress.WriteLine($"  crash trials: {trial + 1}/{trials}, {clock.Elapsed.TotalSeconds:F0} s");
            }
        }

        Report($"crash consistency, batch {batch}: {trials} trials (SIGKILL after 0-600 ms of writing) in {clock.Elapsed.TotalSeconds:F1} s, seed {seed}: "
            + $"{midWrite} kills left an uncommitted write ({orphanBytes / (1 << 20)} MiB, removed by pruning); "
            + $"{reportedSmall} small and {reportedBig} big (64 MiB) commits reported before the kill, all found; "
            + $"{checkedKeys} keys checked, {present} entries read and compared with a recomputation; "
            + $"{readerProcesses} separate reader processes (memory-mapped); problems: {problems.Count}");
        Assert.That(problems, Is.Empty, $"seed {seed}");

        // What the trials checked, so that a run that could not check much fails instead of passing. (How many kills
        // left an uncommitted write is reported, not asserted: it was 1 in 25 on a loaded machine, too few for a floor.)
        Assert.Multiple(() =>
        {
            Assert.That(reportedBig, Is.GreaterThanOrEqualTo(trials / 2), $"big commits reported before a kill (one per odd trial at least); seed {seed}");
            Assert.That(present, Is.GreaterThanOrEqualTo(trials / 2), $"entries read and compared with a recomputation; seed {seed}");
        });
    }

    private static void Report(string line)
    {
        TestContext.Out.WriteLine(line);
        TestContext.Progress.WriteLine(line);
    }
}
