using System;
using System.Collections.Immutable;

namespace MemoGen.Sample;

/// <summary>Names a synthetic sky map instead of carrying its pixels: the cheap, hashable way to key big data.</summary>
public sealed record MapDescriptor(string Survey, int Pixels, int Seed);

/// <summary>Form 1: the context itself holds the results.</summary>
public sealed partial class Sky(MemoOptions options) : MemoContext(options)
{
    /// <summary>The squared RMS of each of 64 rings of a synthetic map.</summary>
    [Memoize(Name = "rms_squared", Tags = new[] { "disk" })]
    public partial ImmutableArray<double> RmsSquared(MapDescriptor map);

    private double[] RmsSquaredCore(MapDescriptor map)
    {
        const int rings = 64;
        var sums = new double[rings];
        var counts = new int[rings];
        var random = new Random(map.Seed);
        for (var pixel = 0; pixel < map.Pixels; pixel++)
        {
            var value = Math.Sin(pixel * 0.001) + random.NextDouble() - 0.5;
            var ring = (int)((long)pixel * rings / map.Pixels);
            sums[ring] += value * value;
            counts[ring]++;
        }

        for (var ring = 0; ring < rings; ring++)
        {
            sums[ring] /= Math.Max(1, counts[ring]);
        }

        return sums;
    }
}
