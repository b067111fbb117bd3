using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using MemoGen.Inspection;

namespace MemoGen.Tool.Commands;

/// <summary>
/// <c>memogen prune DIR [--max-bytes N] [--max-items N] [--max-age 7d] [--json]</c>: removes entries unused for longer
/// than the age, then the least recently used until the rest fits (joblib's <c>reduce_size</c>).
/// </summary>
internal static class PruneCommand
{
    /// <summary>The command.</summary>
    public static Command Create(ToolOutput console)
    {
        Argument<string> directory = CommonSymbols.CacheDirectory();
        var maxBytes = new Option<long?>("--max-bytes")
        {
            Description = "Keep at most this many bytes: a number, or with a suffix K, M, G, T (powers of 1024).",
            CustomParser = result => Parse<long>(result, Quantities.TryParseBytes, "a byte count such as 500M or 20G"),
        };
        var maxItems = new Option<long?>("--max-items")
        {
            Description = "Keep at most this many entries.",
            CustomParser = result => Parse<long>(result, Quantities.TryParseCount, "a whole number of entries"),
        };
        var maxAge = new Option<TimeSpan?>("--max-age")
        {
            Description = "Remove entries unused for longer than this: 7d, 12h, 30m, 45s.",
            CustomParser = result => Parse<TimeSpan>(result, Quantities.TryParseAge, "an age such as 7d, 12h, 30m or 45s"),
        };
        Option<bool> json = CommonSymbols.Json();
        var command = new Command("prune", "Remove the least recently used entries until the cache fits the limits.")
        {
            directory, maxBytes, maxItems, maxAge, json,
        };
        command.SetAction(parse => ToolApp.Guard(console, () => Run(
            console, parse.GetRequiredValue(directory), new DiskLimits(parse.GetValue(maxBytes), parse.GetValue(maxItems), parse.GetValue(maxAge)),
            parse.GetValue(json))));
        return command;
    }

    private static int Run(ToolOutput console, string path, DiskLimits limits, bool json)
    {
        CacheFolder cache = CacheFolder.Open(path);
        if (limits == DiskLimits.Unbounded)
        {
            console.Error("give at least one of --max-bytes, --max-items, --max-age.");
            return ToolApp.UsageError;
        }

        DiskPruneResult result = cache.Prune(limits, DateTime.UtcNow);
        if (json)
        {
            console.Json(result);
        }
        else
        {
            console.Line($"removed {result.RemovedEntries} entries ({ToolOutput.Bytes(result.RemovedBytes)}); "
                + $"{result.RemainingEntries} entries ({ToolOutput.Bytes(result.RemainingBytes)}) remain");
        }

        return 0;
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static T? Parse<T>(ArgumentResult result, TryParse<T> parse, string expected)
        where T : struct
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (parse(text, out T value))
        {
            return value;
        }

        result.AddError($"'{text}' is not {expected}.");
        return null;
    }
}
