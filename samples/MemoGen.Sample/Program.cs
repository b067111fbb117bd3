using System;
using System.Diagnostics;
using System.IO;
using MemoGen;
using MemoGen.Sample;

// The main MemoGen sample: each computation runs once, and the second call is answered from the context. The results
// also go to a disk store in .memo-cache/ (in the working folder), so a second run of the sample loads them from disk
// instead of computing them. Delete the folder to start afresh.
var cacheDirectory = Path.Combine(Environment.CurrentDirectory, ".memo-cache");
var sky = new Sky(new MemoOptions { CacheDirectory = cacheDirectory });
var map = new MapDescriptor("planck-like", Pixels: 20_000_000, Seed: 7);

Measure("form 1  Sky.RmsSquared(map)", () => sky.RmsSquared(map)[0]);
Measure("form 1  Sky.RmsSquared(map) again", () => sky.RmsSquared(map)[0]);
Console.WriteLine($"        {sky.RmsSquaredMemo.Describe(map)} -> key {sky.RmsSquaredMemo.KeyHash(map)}");
MeasureHits("form 1  one hit, averaged over 1,000,000", () => sky.RmsSquared(map).Length);

var signal = sky.RmsSquared(map);
Measure("form 2  Spectra.Power(ctx, signal, 4000)", () => Spectra.Power(sky, signal, 4000)[1]);
Measure("form 2  Spectra.Power(ctx, signal, 4000) again", () => Spectra.Power(sky, signal, 4000)[1]);

var instrument = new Instrument("dish", Aperture: 1.5);
Measure("form 3  instrument.BeamAt(ctx, 100 GHz)", () => instrument.BeamAt(sky, 100).Fwhm);
Measure("form 3  an equal instrument, same call", () => new Instrument("dish", 1.5).BeamAt(sky, 100).Fwhm);

Console.WriteLine();
Console.WriteLine(sky.GetStatistics());
var statistics = sky.GetStatistics();
Console.WriteLine(statistics.DiskLoads == 3
    ? $"All three results were loaded from {cacheDirectory}; delete it to compute them again."
    : $"Results written to {cacheDirectory}; run the sample again to load them from disk.");

// Each of the three computations runs or is loaded from disk exactly once, whichever run this is; the rest are hits.
return statistics.Misses + statistics.DiskLoads == 3 && statistics.Hits == 4 + HitRepetitions ? 0 : 1;

static void Measure(string label, Func<double> call)
{
    var clock = Stopwatch.StartNew();
    var value = call();
    Console.WriteLine($"{label,-48} {clock.Elapsed.TotalMilliseconds,10:F3} ms   ({value:G6})");
}

static void MeasureHits(string label, Func<int> call)
{
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < HitRepetitions; i++)
    {
        call();
    }

    Console.WriteLine($"{label,-48} {clock.Elapsed.TotalNanoseconds / HitRepetitions,10:F1} ns");
}

internal static partial class Program
{
    private const int HitRepetitions = 1_000_000;
}
