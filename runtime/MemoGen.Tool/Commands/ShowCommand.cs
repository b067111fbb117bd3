using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using MemoGen.Disk;
using MemoGen.Inspection;
using Spectre.Console;

namespace MemoGen.Tool.Commands;

/// <summary><c>memogen show DIR FUNCTION [KEYHASH] [--json]</c>: a function's entries with their calls and metadata.</summary>
internal static class ShowCommand
{
    /// <summary>The command.</summary>
    public static Command Create(ToolOutput console)
    {
        Argument<string> directory = CommonSymbols.CacheDirectory();
        var function = new Argument<string>("FUNCTION") { Description = "The function's cache name (or its folder's name)." };
        var keyHash = new Argument<string?>("KEYHASH") { Description = "Show only the entry whose key hash starts with this.", Arity = ArgumentArity.ZeroOrOne };
        Option<bool> json = CommonSymbols.Json();
        var command = new Command("show", "Show a function's entries: the call, when and how fast it was computed, the value, the files.")
        {
            directory, function, keyHash, json,
        };
        command.SetAction(parse => ToolApp.Guard(
            console, () => Run(console, parse.GetRequiredValue(directory), parse.GetRequiredValue(function), parse.GetValue(keyHash), parse.GetValue(json))));
        return command;
    }

    private static int Run(ToolOutput console, string path, string function, string? keyHash, bool json)
    {
        CacheFolder cache = CacheFolder.Open(path);
        if (cache.FindFunctionFolder(function) is not { } folder)
        {
            return ToolApp.UnknownFunction(console, path, function);
        }

        var reports = new List<EntryReport>();
        foreach (InspectedEntry entry in cache.Entries(folder))
        {
            if (keyHash is null || entry.Hash.StartsWith(keyHash, StringComparison.OrdinalIgnoreCase))
            {
                reports.Add(Report(cache, entry));
            }
        }

        if (keyHash is not null && reports.Count == 0)
        {
            console.Error($"'{function}' has no entry whose key hash starts with '{keyHash}'.");
            return ToolApp.UsageError;
        }

        if (json)
        {
            console.Json(reports);
        }
        else if (keyHash is null)
        {
            WriteTable(console, reports);
        }
        else
        {
            reports.ForEach(report => WriteDetails(console, report));
        }

        return 0;
    }

    private static EntryReport Report(CacheFolder cache, InspectedEntry entry)
    {
        try
        {
            EntryMetadata metadata = cache.ReadMetadata(entry);
            return new EntryReport(
                entry.Hash, metadata.Call, metadata.Function, metadata.CodeVersion, metadata.ResultType, metadata.CreatedUtc, entry.LastUseUtc,
                metadata.ComputeSeconds, metadata.Format, metadata.Value, entry.Bytes, entry.Metadata.Path, [.. metadata.Files.Select(file => file.Name)], null);
        }
        catch (Exception exception) when (exception is InvalidEntryException or IOException or UnauthorizedAccessException)
        {
            return new EntryReport(
                entry.Hash, null, null, null, null, null, entry.LastUseUtc, null, null, null, entry.Bytes, entry.Metadata.Path, [], exception.Message);
        }
    }

    private static void WriteTable(ToolOutput console, List<EntryReport> reports)
    {
        var table = new Table().AddColumns("key hash", "call", "value", "bytes", "computed (UTC)", "compute s", "last used (UTC)");
        foreach (EntryReport report in reports)
        {
            table.AddRow(
                report.KeyHash[..12], Markup.Escape(report.Call ?? "(unreadable: " + report.Problem + ")"), Markup.Escape(report.Value ?? ""),
                ToolOutput.Bytes(report.Bytes), ToolOutput.Time(report.Created), Seconds(report.ComputeSeconds), ToolOutput.Time(report.LastUsed));
        }

        console.Console.Write(table);
        console.Line($"{reports.Count} entr{(reports.Count == 1 ? "y" : "ies")}");
    }

    private static void WriteDetails(ToolOutput console, EntryReport report)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string? value) => grid.AddRow(new Text(name), new Text(value ?? "-"));
        Row("key hash", report.KeyHash);
        Row("call", report.Call);
        Row("function", report.Function);
        Row("code version", report.CodeVersion);
        Row("result type", report.ResultType);
        Row("computed (UTC)", ToolOutput.Time(report.Created));
        Row("compute seconds", Seconds(report.ComputeSeconds));
        Row("last used (UTC)", ToolOutput.Time(report.LastUsed));
        Row("format", report.Format);
        Row("value", report.Value);
        Row("bytes", ToolOutput.Bytes(report.Bytes));
        Row("metadata", report.Path);
        Row("payload files", report.Files.Count == 0 ? "(inline)" : string.Join(", ", report.Files));
        if (report.Problem is not null)
        {
            Row("problem", report.Problem);
        }

        console.Console.Write(grid);
        console.Line("");
    }

    private static string Seconds(double? seconds) => seconds is { } value ? value.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}
