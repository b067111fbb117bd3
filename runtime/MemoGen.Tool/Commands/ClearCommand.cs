using System.Collections.Generic;
using System.CommandLine;
using MemoGen.Inspection;

namespace MemoGen.Tool.Commands;

/// <summary><c>memogen clear DIR [--function NAME] [--json]</c>: removes every entry of the cache, or of one function.</summary>
internal static class ClearCommand
{
    /// <summary>The command.</summary>
    public static Command Create(ToolOutput console)
    {
        Argument<string> directory = CommonSymbols.CacheDirectory();
        var function = new Option<string?>("--function") { Description = "Clear only this function (its cache name or folder name)." };
        Option<bool> json = CommonSymbols.Json();
        var command = new Command("clear", "Remove every entry of the cache, or of one function.") { directory, function, json };
        command.SetAction(parse => ToolApp.Guard(console, () => Run(console, parse.GetRequiredValue(directory), parse.GetValue(function), parse.GetValue(json))));
        return command;
    }

    private static int Run(ToolOutput console, string path, string? function, bool json)
    {
        CacheFolder cache = CacheFolder.Open(path);
        List<string> folders = cache.FunctionFolders();
        if (function is not null)
        {
            if (cache.FindFunctionFolder(function) is not { } folder)
            {
                return ToolApp.UnknownFunction(console, path, function);
            }

            folders = [folder];
        }

        var cleared = new List<ClearedFunction>();
        foreach (string folder in folders)
        {
            cleared.Add(new ClearedFunction(folder, cache.Clear(folder)));
        }

        if (json)
        {
            console.Json(cleared);
        }
        else
        {
            cleared.ForEach(entry => console.Line($"{entry.Folder}: {entry.Entries} entries removed"));
        }

        return 0;
    }
}
