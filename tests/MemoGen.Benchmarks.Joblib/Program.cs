using System;
using MemoGen;
using MemoGen.Benchmarks.Joblib;

// One job per process: build/bench-joblib.sh times whole processes, the way a user's second run is felt.
// Usage: MemoGen.Benchmarks.Joblib <write|load|mmap|arghit|small> <cache folder> [megabytes]
//        MemoGen.Benchmarks.Joblib <firsthit-prepare|firsthit-json|firsthit-packed|firsthit-raw|firsthit-floor> <cache folder> (build/bench-first-hit.sh)
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: MemoGen.Benchmarks.Joblib <write|load|mmap|arghit|small> <cache folder> [megabytes]");
    return 2;
}

string job = args[0];
int megabytes = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 256;
var options = new MemoOptions
{
    CacheDirectory = args[1],
    MmapMode = job == "mmap" ? MmapMode.ReadOnly : MmapMode.None,
};
if (job.StartsWith("firsthit-", StringComparison.Ordinal))
{
    string first = job["firsthit-".Length..];
    string floorFolder = args[1].TrimEnd(System.IO.Path.DirectorySeparatorChar) + "-floor";
    if (first == "prepare")
    {
        FirstHitTimer.Prepare(options);
        FirstHitFloor.Prepare(floorFolder);
    }
    else
    {
        Console.WriteLine(first == "floor" ? FirstHitFloor.Run(floorFolder) : FirstHitTimer.Run(options, first));
    }

    return 0;
}

var jobs = new JoblibJobs(options);

double result = job switch
{
    "write" or "load" or "mmap" => jobs.MakeArray(megabytes).Span[^1],
    "arghit" => jobs.SumArray(jobs.MakeArray(megabytes)),
    "small" => jobs.MakeRatio(3, 4).Value,
    _ => double.NaN,
};

if (double.IsNaN(result))
{
    Console.Error.WriteLine($"unknown job '{job}'");
    return 2;
}

Console.WriteLine(result.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
return 0;
