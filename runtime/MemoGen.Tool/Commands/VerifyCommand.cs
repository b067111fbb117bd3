using System.Collections.Generic;
using System.CommandLine;
using MemoGen.Inspection;
using Spectre.Console;

namespace MemoGen.Tool.Commands;

/// <summary>
/// <c>memogen verify DIR [--fix] [--json]</c>: checks every entry (metadata, file lengths, raw headers, checksums);
/// exits with <see cref="ToolApp.BadEntries"/> when any is bad, unless <c>--fix</c> removed them all.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>The command.</summary>
    public static Command Create(ToolOutput console)
    {
        Argument<string> directory = CommonSymbols.CacheDirectory();
        var fix = new Option<bool>("--fix") { Description = "Remove the bad entries (a run that uses them would recompute them anyway)." };
        Option<bool> json = CommonSymbols.Json();
        var command = new Command("verify", "Check every entry: metadata, file lengths, raw headers and checksums. Exits 1 when an entry is bad.")
        {
            directory, fix, json,
        };
        command.SetAction(parse => ToolApp.Guard(console, () => Run(console, parse.GetRequiredValue(directory), parse.GetValue(fix), parse.GetValue(json))));
        return command;
    }

    private static int Run(ToolOutput console, string path, bool fix, bool json)
    {
        CacheFolder cache = CacheFolder.Open(path);
        int checkedEntries = 0, removed = 0;
        var bad = new List<BadEntryReport>();
        foreach (string folder in cache.FunctionFolders())
        {
            foreach (InspectedEntry entry in cache.Entries(folder))
            {
                checkedEntries++;
                EntryCheck check = EntryVerifier.Verify(cache, entry);
                if (check.IsGood)
                {
                    continue;
                }

                bad.Add(new BadEntryReport(folder, entry.Hash, check.Problem!, entry.Metadata.Path));
                if (fix)
                {
                    cache.Remove(entry);
                    removed++;
                }
            }
        }

        if (json)
        {
            console.Json(new VerifyReport(checkedEntries, bad.Count, removed, bad));
        }
        else
        {
            if (bad.Count > 0)
            {
                var table = new Table().AddColumns("function folder", "key hash", "problem");
                bad.ForEach(entry => table.AddRow(Markup.Escape(entry.Folder), entry.KeyHash, Markup.Escape(entry.Problem)));
                console.Console.Write(table);
            }

            console.Line($"{checkedEntries} entries checked, {bad.Count} bad" + (fix ? $", {removed} removed" : bad.Count > 0 ? " (--fix removes them)" : ""));
        }

        return bad.Count > removed ? ToolApp.BadEntries : 0;
    }
}
