using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace MemoGen.Sweeps;

/// <summary>A sweep's results as rows: the point's parameters, then the result's columns. Writes CSV and JSON.</summary>
public sealed class SweepTable
{
    internal SweepTable(string[] columns, object?[][] rows)
    {
        Columns = columns;
        Rows = rows;
    }

    /// <summary>The columns' names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows, one per point in point order, with a cell per column.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Rows { get; }

    /// <summary>
    /// Writes the table as CSV (RFC 4180: a header line, commas, quotes where needed, invariant culture, numbers
    /// written so that they read back to the same value).
    /// </summary>
    /// <param name="writer">Where to write.</param>
    public void WriteCsv(TextWriter writer) => SweepCsvWriter.Write(this, writer);

    /// <summary>Writes the table as a CSV file (UTF-8), replacing <paramref name="path"/>.</summary>
    /// <param name="path">The file to write.</param>
    public void WriteCsv(string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        WriteCsv(writer);
    }

    /// <summary>Writes the table as a JSON array of objects, one per row, keyed by column name.</summary>
    /// <param name="stream">Where to write (UTF-8).</param>
    public void WriteJson(Stream stream) => SweepJsonWriter.Write(this, stream);

    /// <summary>Writes the table as a JSON file, replacing <paramref name="path"/>.</summary>
    /// <param name="path">The file to write.</param>
    public void WriteJson(string path)
    {
        using var stream = File.Create(path);
        WriteJson(stream);
    }

    /// <summary>A cell as text: invariant culture, round-trip formats for numbers and times.</summary>
    internal static string? Format(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        double number => number.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        float number => number.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        DateTime time => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
