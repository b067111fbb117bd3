using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using MemoGen.Sweeps;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Sweeps;

public sealed class SweepTableTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Csv_reads_back_to_the_parameters_and_projections()
    {
        var results = await LabelSweep().RunAsync().WaitAsync(Patience);
        var table = results.ToTable(("length", r => r.Length), ("text", r => r));

        var writer = new StringWriter();
        table.WriteCsv(writer);
        var rows = ParseCsv(writer.ToString());

        Assert.That(rows[0], Is.EqualTo(new[] { "label", "scale", "length", "text", "error" }));
        Assert.That(rows.Skip(1).Select(r => (r[0], double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture))), Is.EqualTo(
            LabelSweep().Points.Select(p => (p.Get<string>("label"), p.Get<double>("scale")))));
        Assert.That(rows[1], Is.EqualTo(new[] { "a, \"quoted\"", "0.1", "15", "a, \"quoted\"×0.1", "" }));
        Assert.That(rows[3], Is.EqualTo(new[] { " padded\nline", "0.1", "", "", "no padding allowed" }));
        Assert.That(double.Parse(rows[2][1], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(1.0 / 3.0), "round-trip format");
    }

    [Test]
    public async Task Json_reads_back_with_numbers_as_numbers()
    {
        var results = await LabelSweep().RunAsync().WaitAsync(Patience);
        var stream = new MemoryStream();
        results.ToTable().WriteJson(stream);

        using var document = JsonDocument.Parse(stream.ToArray());
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.That(rows, Has.Count.EqualTo(4));
        Assert.That(rows[0].GetProperty("label").GetString(), Is.EqualTo("a, \"quoted\""));
        Assert.That(rows[1].GetProperty("scale").GetDouble(), Is.EqualTo(1.0 / 3.0));
        Assert.That(rows[1].GetProperty("result").GetString(), Is.EqualTo("a, \"quoted\"×0.3333333333333333"));
        Assert.That(rows[1].GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(rows[2].GetProperty("result").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(rows[2].GetProperty("error").GetString(), Is.EqualTo("no padding allowed"));
    }

    [Test]
    public async Task Without_failures_there_is_no_error_column_and_files_are_written()
    {
        var memo = new FakeMemo();
        var results = await memo.Sweep(Values.Of(2), Values.Of(0.5, 1.5)).RunAsync().WaitAsync(Patience);
        string folder = Path.Combine(Path.GetTempPath(), "memogen-sweep-table-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            results.ToTable().WriteCsv(Path.Combine(folder, "t.csv"));
            results.ToTable().WriteJson(Path.Combine(folder, "t.json"));

            Assert.That(File.ReadAllText(Path.Combine(folder, "t.csv")), Is.EqualTo("a,b,result\r\n2,0.5,1\r\n2,1.5,3\r\n"));
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "t.json")));
            Assert.That(json.RootElement[1].GetProperty("result").GetDouble(), Is.EqualTo(3.0));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Two labels that need quoting, two scales; the padded label fails.</summary>
    private static Sweep<string> LabelSweep()
    {
        static string Compute(object?[] v) => ((string)v[0]!).StartsWith(' ')
            ? throw new InvalidOperationException("no padding allowed")
            : $"{v[0]}×{((double)v[1]!).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";
        return new Sweep<string>(
            "label",
            [SweepDimension.Of("label", Values.Of("a, \"quoted\"", " padded\nline")), SweepDimension.Of("scale", Values.Of(0.1, 1.0 / 3.0))],
            SweepCalls<string>.Synchronous((v, _) => Compute(v), (v, _) => Compute(v), _ => false, _ => false));
    }

    /// <summary>An RFC 4180 reader: quoted fields may hold commas, quotes (doubled) and line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row.ToArray());
                row.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        return rows;
    }
}
