using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace MemoGen.Tool;

/// <summary>Where the tool writes: tables and messages for people, JSON alone for scripts, errors apart.</summary>
internal sealed class ToolOutput
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly TextWriter _output;
    private readonly TextWriter _error;

    /// <summary>Output to <paramref name="output"/> (standard output) and <paramref name="error"/> (standard error).</summary>
    public ToolOutput(TextWriter output, TextWriter error)
    {
        _output = output;
        _error = error;
        Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (!ReferenceEquals(output, System.Console.Out) || System.Console.IsOutputRedirected)
        {
            Console.Profile.Width = 200;  // a file or a pipe has no width: do not squeeze the tables into 80 columns
        }
    }

    /// <summary>The console for tables and marked-up text.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Writes <paramref name="value"/> as indented JSON, camel-cased, and nothing else.</summary>
    public void Json<T>(T value) => _output.WriteLine(JsonSerializer.Serialize(value, s_json));

    /// <summary>Writes a plain line for people.</summary>
    public void Line(string text) => Console.WriteLine(text);

    /// <summary>Writes an error message to standard error.</summary>
    public void Error(string message) => _error.WriteLine("memogen: " + message);

    /// <summary>A length for people: <c>512 B</c>, <c>1.5 MiB</c>.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }

    /// <summary>A time for people, UTC.</summary>
    public static string Time(DateTime? utc) =>
        utc is { } time ? time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";
}
