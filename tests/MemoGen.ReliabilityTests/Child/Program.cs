using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using MemoGen;
using MemoGen.ReliabilityChild;
using MemoGen.ReliabilityTests.Subjects;
using MemoGen.TestSupport;

// Usage: MemoGen.ReliabilityChild <mode> <cache folder> ...
//   write <first small key>:         prints "ready", then writes forever (until killed), printing "small <key>" or
//                                    "big <key>" after each entry is committed: new small entries, and big (64 MiB)
//                                    and small entries replaced again and again; and "writing <path>" just before
//                                    each file of the store is created.
//   verify <from> <to> [mmap]:       reads small keys from..to-1, -1..-4 and big keys 0..3 (Verifier); prints
//                                    "checked=<n> present=<n> problems=<n>" and each problem.
//   contend <id> <keys> <threads>:   prints "ready", waits for a line on stdin, then <threads> threads call Medium and
//                                    Small for every key in their own order, checking each value; prints
//                                    "computed <key> <n>" per key and "wrong=<n> errors=<n>".
// Warnings from the store go to stderr; the exit code is 0 only if everything was right.
var mode = args[0];
var options = new MemoOptions
{
    CacheDirectory = args[1],
    MmapMode = Array.IndexOf(args, "mmap") >= 0 ? MmapMode.ReadOnly : MmapMode.None,
    LoggerFactory = new StderrWarnings(),
};

switch (mode)
{
    case "write":
    {
        options.FileSystem = new WriteReportingFileSystem();
        var first = int.Parse(args[2], CultureInfo.InvariantCulture);
        var lab = new Lab(options);
        Console.WriteLine("ready");
        for (var i = 0; ; i++)
        {
            if (i % 8 == 0)
            {
                var big = (i / 8) % 4;
                lab.BigMemo.Recompute(big);
                Console.WriteLine("big " + big.ToString(CultureInfo.InvariantCulture));
            }

            var small = i % 3 == 2 ? -1 - (i % 4) : first + i;
            if (small < 0)
            {
                lab.SmallMemo.Recompute(small);
            }
            else
            {
                lab.Small(small);
            }

            Console.WriteLine("small " + small.ToString(CultureInfo.InvariantCulture));
        }
    }

    case "verify":
    {
        var from = int.Parse(args[2], CultureInfo.InvariantCulture);
        var to = int.Parse(args[3], CultureInfo.InvariantCulture);
        var lab = new Lab(options);
        var result = Verifier.Check(lab, Enumerable.Range(from, to - from).Concat([-1, -2, -3, -4]), Enumerable.Range(0, 4));
        Console.WriteLine($"checked={result.Checked} present={result.Present} problems={result.Problems.Count}");
        foreach (var problem in result.Problems)
        {
            Console.WriteLine(problem);
        }

        return result.Problems.Count == 0 ? 0 : 1;
    }

    case "contend":
    {
        var id = int.Parse(args[2], CultureInfo.InvariantCulture);
        var keys = int.Parse(args[3], CultureInfo.InvariantCulture);
        var threads = int.Parse(args[4], CultureInfo.InvariantCulture);
        var lab = new Lab(options);
        Console.WriteLine("ready");
        Console.In.ReadLine();
        var wrong = 0;
        var errors = new List<string>();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var order = Enumerable.Range(0, keys).ToArray();
            new Random((id * 100) + t).Shuffle(order);
            foreach (var key in order)
            {
                try
                {
                    if (Workload.Mismatch(key, lab.Medium(key).Span, Lab.MediumLength) is not null || lab.Small(key) != Workload.Small(key))
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
                catch (Exception exception)
                {
                    lock (errors)
                    {
                        errors.Add(exception.ToString());
                    }
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        if (!workers.TrueForAll(w => w.Join(TimeSpan.FromSeconds(100))))
        {
            errors.Add("a worker thread did not finish within 100 s");
        }

        for (var key = 0; key < keys; key++)
        {
            Console.WriteLine($"computed {key} {lab.ComputationsOf("medium", key)} {lab.ComputationsOf("small", key)}");
        }

        Console.WriteLine($"wrong={wrong} errors={errors.Count} loads={lab.GetStatistics().DiskLoads}");
        errors.ForEach(Console.Error.WriteLine);
        return wrong == 0 && errors.Count == 0 ? 0 : 1;
    }

    default:
        Console.Error.WriteLine("unknown mode " + mode);
        return 2;
}
