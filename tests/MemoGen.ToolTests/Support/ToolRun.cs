using System.IO;
using MemoGen.Tool;

namespace MemoGen.ToolTests.Support;

/// <summary>One run of the <c>memogen</c> command line, in process: its exit code and what it wrote.</summary>
internal sealed record ToolRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs the tool with <paramref name="args"/>.</summary>
    public static ToolRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = ToolApp.Run(args, output, error);
        return new ToolRun(exitCode, output.ToString(), error.ToString());
    }
}
