using System;
using System.CommandLine;
using System.IO;
using MemoGen.Inspection;
using MemoGen.Tool.Commands;

namespace MemoGen.Tool;

/// <summary>The <c>memogen</c> command line: its commands, and how a run turns into an exit code.</summary>
internal static class ToolApp
{
    /// <summary>The exit code of a run that found bad entries (<c>verify</c>).</summary>
    public const int BadEntries = 1;

    /// <summary>The exit code of a run given a missing folder, a folder that is not a cache, or an unknown function.</summary>
    public const int UsageError = 2;

    /// <summary>Runs the tool with <paramref name="args"/>, writing results to <paramref name="output"/> and errors to <paramref name="error"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var console = new ToolOutput(output, error);
        var root = new RootCommand("memogen: look into a MemoGen cache folder (the disk store of MemoOptions.CacheDirectory).")
        {
            ListCommand.Create(console),
            ShowCommand.Create(console),
            VerifyCommand.Create(console),
            ClearCommand.Create(console),
            PruneCommand.Create(console),
            SweepCommand.Create(console),
            PostgresCommand.Create(console),
        };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>Says that the cache has no function of that name, and how to list those it has.</summary>
    /// <returns><see cref="UsageError"/>.</returns>
    public static int UnknownFunction(ToolOutput console, string path, string function)
    {
        console.Error($"the cache has no function '{function}' (memogen list {path} shows its functions).");
        return UsageError;
    }

    /// <summary>Runs a command's work, turning a folder that is not a cache into a message and <see cref="UsageError"/>.</summary>
    public static int Guard(ToolOutput console, Func<int> work)
    {
        try
        {
            return work();
        }
        catch (NotACacheException exception)
        {
            console.Error(exception.Message);
            return UsageError;
        }
    }
}
