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
        int midWrite = 0, bigWritesInterrupted = 0, readerProcesses = 0, reportedBig = 0, reportedSmall = 0, present = 0, checkedKeys = 0;
        long orphanBytes = 0;
        var clock = Stopwatch.StartNew();
        Report($"crash consistency, batch {batch}: {trials} trials, seed {seed} (replay with MEMOGEN_CRASH_SEED={seed - batch}), folder {root}");

        for (int trial = 0; trial < trials; trial++)
        {
            int first = trial * KeysPerTrial;
            using (Child writer = Child.Start("write", root, first.ToString(CultureInfo.InvariantCulture)))
            {
                await writer.WaitReadyAsync();
                int delay = await AimAsync(writer, trial, random, seed);
                await Task.Delay(delay);
                await writer.KillAsync();
                if (InterruptedABigWrite(writer.Lines))
                {
                    bigWritesInterrupted++;
                }

                // What the writer reported finished: each line is printed after its entry was committed.
                string[] finished = writer.Lines.Where(l => l.StartsWith("small ", StringComparison.Ordinal) || l.StartsWith("big ", StringComparison.Ordinal)).ToArray();
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

        Report($"crash consistency, batch {batch}: {trials} trials (SIGKILL after 0-600 ms of writing, or 0-10 ms into a 64 MiB write) in {clock.Elapsed.TotalSeconds:F1} s, seed {seed}: "
            + $"{bigWritesInterrupted} kills interrupted a 64 MiB write; {midWrite} kills left an uncommitted write ({orphanBytes / (1 << 20)} MiB, removed by pruning); "
            + $"{reportedSmall} small and {reportedBig} big (64 MiB) commits reported before the kill, all found; "
            + $"{checkedKeys} keys checked, {present} entries read and compared with a recomputation; "
            + $"{readerProcesses} separate reader processes (memory-mapped); problems: {problems.Count}");
        Assert.That(problems, Is.Empty, $"seed {seed}");

        // What the trials checked, so that a run that could not check much fails instead of passing.
        Assert.Multiple(() =>
        {
            Assert.That(reportedBig, Is.GreaterThanOrEqualTo(trials / 2), $"big commits reported before a kill (one per odd trial at least); seed {seed}");
            Assert.That(present, Is.GreaterThanOrEqualTo(trials / 2), $"entries read and compared with a recomputation; seed {seed}");
            Assert.That(bigWritesInterrupted, Is.GreaterThanOrEqualTo(trials / 8), $"kills that interrupted a 64 MiB write (aimed at one trial in four); seed {seed}");
        });
    }

    /// <summary>
    /// Waits for the moment the trial's delay counts from, and returns the delay: half the trials count 0-600 ms from
    /// the writer's start; a quarter from its first commit (a 64 MiB entry), so that however slow the machine,
    /// something was committed; a quarter 0-10 ms from the start of a later 64 MiB write, to interrupt it.
    /// </summary>
    private static async Task<int> AimAsync(Child writer, int trial, Random random, int seed)
    {
        if (trial % 2 == 0)
        {
            return random.Next(0, 600);
        }

        Assert.That(await writer.WaitForLineAsync(l => l.StartsWith("big ", StringComparison.Ordinal)), Is.True, $"trial {trial}: the writer committed its first entry; seed {seed}; {writer.Errors}");
        if (trial % 4 == 1)
        {
            return random.Next(0, 600);
        }

        int committed = writer.Lines.Length;
        Assert.That(await writer.WaitForLineAsync(IsBigWriteStart, skip: committed), Is.True, $"trial {trial}: the writer started a second 64 MiB write; seed {seed}; {writer.Errors}");
        return random.Next(0, 10);
    }

    /// <summary>Whether the writer's last report was the start of a 64 MiB write: the kill landed inside it.</summary>
    private static bool InterruptedABigWrite(string[] lines)
    {
        int lastReport = Array.FindLastIndex(lines, l => l.StartsWith("small ", StringComparison.Ordinal) || l.StartsWith("big ", StringComparison.Ordinal) || l.StartsWith("writing ", StringComparison.Ordinal));
        return lastReport >= 0 && IsBigWriteStart(lines[lastReport]);
    }

    private static bool IsBigWriteStart(string line) => line.StartsWith("writing ", StringComparison.Ordinal) && line.Contains("rel_big", StringComparison.Ordinal);

    private static void Report(string line)
    {
        TestContext.Out.WriteLine(line);
        TestContext.Progress.WriteLine(line);
    }
}
