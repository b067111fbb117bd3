using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MemoGen;

/// <summary>A snapshot of a <see cref="MemoContext"/>'s counters: one row per function, and totals.</summary>
public sealed class MemoStatistics
{
    internal MemoStatistics(IReadOnlyList<MemoFunctionStatistics> functions)
    {
        Functions = functions;
        foreach (MemoFunctionStatistics function in functions)
        {
            Hits += function.Hits;
            Misses += function.Misses;
            DiskLoads += function.DiskLoads;
            Entries += function.Entries;
            EstimatedBytes += function.EstimatedBytes;
        }
    }

    /// <summary>One row per cache name used in the context, ordered by name.</summary>
    public IReadOnlyList<MemoFunctionStatistics> Functions { get; }

    /// <summary>The hits of every function (see <see cref="MemoFunctionStatistics.Hits"/>).</summary>
    public long Hits { get; }

    /// <summary>The misses of every function (see <see cref="MemoFunctionStatistics.Misses"/>).</summary>
    public long Misses { get; }

    /// <summary>The disk loads of every function (see <see cref="MemoFunctionStatistics.DiskLoads"/>).</summary>
    public long DiskLoads { get; }

    /// <summary>The completed results kept by every function.</summary>
    public long Entries { get; }

    /// <summary>The estimated memory of every function's results.</summary>
    public long EstimatedBytes { get; }

    /// <summary>A table with a row per function and a total row, for logs and consoles.</summary>
    public override string ToString()
    {
        string[] header = ["Function", "Entries", "Memory", "Hits", "Misses", "Disk loads", "Evictions"];
        var rows = new List<string[]> { header };
        rows.AddRange(Functions.Select(f => Row(f.Name, f.Entries, f.EstimatedBytes, f.Hits, f.Misses, f.DiskLoads, f.Evictions)));
        rows.Add(Row("Total", Entries, EstimatedBytes, Hits, Misses, DiskLoads, Functions.Sum(f => f.Evictions)));

        int[] widths = Enumerable.Range(0, header.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        var text = new StringBuilder();
        foreach (string[] row in rows)
        {
            text.Append(row[0].PadRight(widths[0]));
            for (int column = 1; column < row.Length; column++)
            {
                text.Append("  ").Append(row[column].PadLeft(widths[column]));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static string[] Row(string name, long entries, long bytes, long hits, long misses, long diskLoads, long evictions) =>
        [name, Count(entries), FormatBytes(bytes), Count(hits), Count(misses), Count(diskLoads), Count(evictions)];

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string FormatBytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double size = bytes;
        int unit = 0;
        while (Math.Abs(size) >= 1024 && unit < units.Length - 1)
        {
            size /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{size:0.0} {units[unit]}");
    }
}
