using System.IO;
using System.Linq;

namespace MemoGen.Sweeps;

/// <summary>Writes a <see cref="SweepTable"/> as RFC 4180 CSV.</summary>
internal static class SweepCsvWriter
{
    public static void Write(SweepTable table, TextWriter writer)
    {
        writer.Write(string.Join(",", table.Columns.Select(Quote)));
        writer.Write("\r\n");
        foreach (var row in table.Rows)
        {
            writer.Write(string.Join(",", row.Select(cell => Quote(SweepTable.Format(cell)))));
            writer.Write("\r\n");
        }

        writer.Flush();
    }

    private static string Quote(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 || text.Trim().Length != text.Length
            ? "\"" + text.Replace("\"", "\"\"") + "\""
            : text;
    }
}
