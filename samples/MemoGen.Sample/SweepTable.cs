using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace MemoGen.Sample;

/// <summary>Writes the sweep as CSV: one row per point, its parameters and summaries.</summary>
public static class SweepTable
{
    /// <summary>Writes <paramref name="results"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<PointResult> results)
    {
        var csv = new StringBuilder("feed,kill,mean_v,contrast,source,compute_seconds\n");
        foreach (PointResult result in results)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{result.Parameters.Feed:0.#####},{result.Parameters.Kill:0.#####},{result.MeanV:0.######},{result.Contrast:0.######},{(result.Computed ? "computed" : "cache")},{result.ComputeSeconds:0.###}\n");
        }

        File.WriteAllText(path, csv.ToString());
    }
}
