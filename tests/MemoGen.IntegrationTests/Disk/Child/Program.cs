using System;
using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using MemoGen;
using MemoGen.IntegrationTests.Disk.Subjects;
using MemoGen.TestSupport;

// Usage: MemoGen.DiskChild <mode> <cache folder> [mmap]
//   read-or-compute: calls Map and Summarize once; prints "computations=<n> loads=<n> sum=<sum> ratio=<ratio> mapped=<bool>",
//                    mapped saying whether the map's memory is a view of a file rather than an array.
//   hammer <id>:     recomputes and reads 8 keys for 5 rounds in fresh contexts, checking every value.
// Warnings from the store go to stderr; the exit code is 0 only if every value was right.
var mode = args[0];
var options = new MemoOptions
{
    CacheDirectory = args[1],
    MmapMode = Array.IndexOf(args, "mmap") >= 0 ? MmapMode.ReadOnly : MmapMode.None,
    LoggerFactory = new StderrWarnings(),
};

switch (mode)
{
    case "read-or-compute":
    {
        var observatory = new Observatory(options);
        var map = observatory.Map(new Grid("shared", 100_000));
        var summary = observatory.Summarize(3, 4);
        var statistics = observatory.GetStatistics();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"computations={observatory.Computations} loads={statistics.DiskLoads} sum={Observatory.Sum(map.Span):R} ratio={summary.Ratio:R} mapped={IsMapped(map)}"));
        return Observatory.Sum(map.Span) == Observatory.Sum(Observatory.Expected(new Grid("shared", 100_000))) && summary.Label == "3/4" ? 0 : 1;
    }

    case "hammer":
    {
        var id = int.Parse(args[2], CultureInfo.InvariantCulture);
        for (var round = 0; round < 5; round++)
        {
            var observatory = new Observatory(options);
            for (var key = 0; key < 8; key++)
            {
                var grid = new Grid("key" + key, 20_000 + key);
                var value = (round + id) % 2 == 0 ? observatory.MapMemo.Recompute(grid) : observatory.Map(grid);
                if (Observatory.Sum(value.Span) != Observatory.Sum(Observatory.Expected(grid)))
                {
                    Console.Error.WriteLine($"wrong value for {grid}");
                    return 1;
                }
            }
        }

        return 0;
    }

    default:
        Console.Error.WriteLine("unknown mode " + mode);
        return 2;
}

// A mapped payload comes wrapped in a MemoryManager over the file; a read one is a plain array.
static bool IsMapped(ReadOnlyMemory<double> memory) =>
    MemoryMarshal.TryGetMemoryManager(memory, out MemoryManager<double>? _) && !MemoryMarshal.TryGetArray(memory, out _);
