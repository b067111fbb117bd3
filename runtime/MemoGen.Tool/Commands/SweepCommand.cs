using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using MemoGen.Disk;
using MemoGen.Infrastructure;
using MemoGen.Inspection;
using MemoGen.Sweeps;
using Spectre.Console;

namespace MemoGen.Tool.Commands;

/// <summary>
/// <c>memogen sweep DIR SPACE [--function NAME] [--json]</c>: how much of a parameter space the cache holds, and which
/// points are missing, read from the entries' call descriptions: how far a sweep running elsewhere has come, or
/// what a resumed one would compute.
/// </summary>
internal static class SweepCommand
{
    /// <summary>The exit code when some points of the space have no entry.</summary>
    public const int Incomplete = 3;

    private const int MissingShown = 20;

    /// <summary>The command.</summary>
    public static Command Create(ToolOutput console)
    {
        Argument<string> directory = CommonSymbols.CacheDirectory();
        var space = new Argument<string>("SPACE") { Description = "A parameter space in JSON (docs/sweeps.md), as given to Sweep(ParameterSpace)." };
        var function = new Option<string?>("--function") { Description = "The function's cache name, if the space does not name it." };
        Option<bool> json = CommonSymbols.Json();
        var command = new Command(
            "sweep",
            "Count the points of a parameter space that the cache holds and list the missing ones; exits 0 when every point is present, 3 otherwise. "
            + "A parameter the space leaves out matches any value.")
        {
            directory, space, function, json,
        };
        command.SetAction(parse => ToolApp.Guard(
            console, () => Run(console, parse.GetRequiredValue(directory), parse.GetRequiredValue(space), parse.GetValue(function), parse.GetValue(json))));
        return command;
    }

    private static int Run(ToolOutput console, string path, string spacePath, string? functionOption, bool json)
    {
        CacheFolder cache = CacheFolder.Open(path);
        SweepDimension[] dimensions;
        string? function;
        try
        {
            ParameterSpace space = ParameterSpace.Load(spacePath);
            function = functionOption ?? space.Function;
            dimensions = space.InferDimensions();
        }
        catch (Exception exception) when (exception is ParameterSpaceException or IOException or UnauthorizedAccessException)
        {
            console.Error($"cannot read the parameter space {spacePath}: {exception.Message}");
            return ToolApp.UsageError;
        }

        if (function is null)
        {
            console.Error("the parameter space names no \"function\"; give one with --function NAME.");
            return ToolApp.UsageError;
        }

        if (cache.FindFunctionFolder(function) is not { } folder)
        {
            return ToolApp.UnknownFunction(console, path, function);
        }

        SweepCoverage coverage = Cover(cache, folder, function, dimensions);
        if (json)
        {
            console.Json(coverage);
        }
        else
        {
            WriteReport(console, coverage);
        }

        return coverage.Missing == 0 ? 0 : Incomplete;
    }

    private static SweepCoverage Cover(CacheFolder cache, string folder, string function, SweepDimension[] dimensions)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        int unreadable = 0;
        foreach (InspectedEntry entry in cache.Entries(folder))
        {
            try
            {
                if (CallArguments.Parse(cache.ReadMetadata(entry).Call) is { } arguments && Identity(dimensions, arguments) is { } identity)
                {
                    present.Add(identity);
                }
            }
            catch (Exception exception) when (exception is InvalidEntryException or IOException or UnauthorizedAccessException)
            {
                unreadable++;
            }
        }

        var missing = new List<Dictionary<string, string>>();
        long total = 0;
        foreach (string[] point in Points(dimensions))
        {
            total++;
            if (!present.Contains(string.Join('\n', point.Select(CallArguments.Normalize))))
            {
                missing.Add(dimensions.Select((d, i) => (d.Name, point[i])).ToDictionary(p => p.Name, p => p.Item2));
            }
        }

        return new SweepCoverage(function, [.. dimensions.Select(d => d.Name)], total, total - missing.Count, missing.Count, unreadable, missing);
    }

    /// <summary>An entry's values for the space's dimensions, normalized and joined; null if its call lacks one.</summary>
    private static string? Identity(SweepDimension[] dimensions, IReadOnlyDictionary<string, string> arguments)
    {
        var values = new string[dimensions.Length];
        for (int i = 0; i < dimensions.Length; i++)
        {
            if (!arguments.TryGetValue(dimensions[i].Name, out string? value))
            {
                return null;
            }

            values[i] = CallArguments.Normalize(value);
        }

        return string.Join('\n', values);
    }

    /// <summary>Every point of the space, the last dimension fastest, each value formatted as a call description formats it.</summary>
    private static IEnumerable<string[]> Points(SweepDimension[] dimensions)
    {
        string[][] formatted = [.. dimensions.Select(d => d.Values.Select(MemoCallFormatter.Value).ToArray())];
        var indices = new int[dimensions.Length];
        while (true)
        {
            yield return [.. formatted.Select((values, d) => values[indices[d]])];
            int d = dimensions.Length - 1;
            while (d >= 0 && ++indices[d] == formatted[d].Length)
            {
                indices[d--] = 0;
            }

            if (d < 0)
            {
                yield break;
            }
        }
    }

    private static void WriteReport(ToolOutput console, SweepCoverage coverage)
    {
        console.Line($"{coverage.Function} over {string.Join(" × ", coverage.Dimensions)}: {coverage.Present} of {coverage.Points} points in the cache, "
            + $"{coverage.Missing} missing{(coverage.Unreadable > 0 ? $" ({coverage.Unreadable} unreadable entries skipped)" : "")}.");
        if (coverage.Missing == 0)
        {
            return;
        }

        var table = new Table().AddColumns([.. coverage.Dimensions.Select(name => new TableColumn(Markup.Escape(name)))]);
        foreach (Dictionary<string, string> point in coverage.MissingPoints.Take(MissingShown))
        {
            table.AddRow([.. coverage.Dimensions.Select(name => Markup.Escape(point[name]))]);
        }

        console.Console.Write(table);
        if (coverage.Missing > MissingShown)
        {
            console.Line(string.Create(CultureInfo.InvariantCulture, $"… and {coverage.Missing - MissingShown} more (--json lists them all)."));
        }
    }

    /// <summary>What <c>memogen sweep</c> reports.</summary>
    private sealed record SweepCoverage(
        string Function,
        IReadOnlyList<string> Dimensions,
        long Points,
        long Present,
        long Missing,
        int Unreadable,
        IReadOnlyList<Dictionary<string, string>> MissingPoints);
}
