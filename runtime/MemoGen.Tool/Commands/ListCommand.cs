using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using MemoGen.Disk;
using MemoGen.Inspection;
using Spectre.Console;

namespace MemoGen.Tool.Commands;

/// <summary><c>memogen list DIR [--json]</c>: the functions of a cache with their entry counts, sizes, ages and code versions.</summary>
internal static class ListCommand
{
    /// <summary>The command.</summary>
    public static Command Create(ToolOutput console)
    {
        Argument<string> directory = CommonSymbols.CacheDirectory();
        Option<bool> json = CommonSymbols.Json();
        var command = new Command("list", "List the functions of a cache: entries, bytes, oldest and newest entry, code versions.") { directory, json };
        command.SetAction(parse => ToolApp.Guard(console, () => Run(console, parse.GetRequiredValue(directory), parse.GetValue(json))));
        return command;
    }

    private static int Run(ToolOutput console, string path, bool json)
    {
        CacheFolder cache = CacheFolder.Open(path);
        var summaries = new List<FunctionSummary>();
        foreach (string folder in cache.FunctionFolders())
        {
            summaries.Add(Summarize(cache, folder));
        }

        if (json)
        {
            console.Json(summaries);
            return 0;
        }

        var table = new Table().AddColumns("function", "entries", "bytes", "oldest (UTC)", "newest (UTC)", "last used (UTC)", "code versions");
        foreach (FunctionSummary summary in summaries)
        {
            string entries = summary.Unreadable == 0 ? $"{summary.Entries}" : $"{summary.Entries} ({summary.Unreadable} unreadable)";
            table.AddRow(
                Markup.Escape(summary.Function), entries, ToolOutput.Bytes(summary.Bytes), ToolOutput.Time(summary.Oldest),
                ToolOutput.Time(summary.Newest), ToolOutput.Time(summary.LastUsed), Markup.Escape(string.Join(", ", summary.CodeVersions)));
        }

        console.Console.Write(table);
        console.Line($"{summaries.Count} function(s) in {cache.Root}");
        return 0;
    }

    private static FunctionSummary Summarize(CacheFolder cache, string folder)
    {
        string? function = null;
        long bytes = 0;
        int unreadable = 0;
        DateTime? oldest = null, newest = null, lastUsed = null;
        var versions = new SortedSet<string>(StringComparer.Ordinal);
        IReadOnlyList<InspectedEntry> entries = cache.Entries(folder);
        foreach (InspectedEntry entry in entries)
        {
            bytes += entry.Bytes;
            lastUsed = Max(lastUsed, entry.LastUseUtc);
            try
            {
                EntryMetadata metadata = cache.ReadMetadata(entry);
                function ??= metadata.Function;
                versions.Add(metadata.CodeVersion);
                oldest = oldest is { } o && o <= metadata.CreatedUtc ? o : metadata.CreatedUtc;
                newest = Max(newest, metadata.CreatedUtc);
            }
            catch (Exception exception) when (exception is InvalidEntryException or IOException or UnauthorizedAccessException)
            {
                unreadable++;
            }
        }

        return new FunctionSummary(function ?? folder, folder, entries.Count, bytes, oldest, newest, lastUsed, [.. versions], unreadable);
    }

    private static DateTime Max(DateTime? a, DateTime b) => a is { } value && value >= b ? value : b;
}
