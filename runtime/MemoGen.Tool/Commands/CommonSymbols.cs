using System.CommandLine;

namespace MemoGen.Tool.Commands;

/// <summary>The argument and options every command shares.</summary>
internal static class CommonSymbols
{
    /// <summary>The cache folder argument.</summary>
    public static Argument<string> CacheDirectory() => new("DIR") { Description = "The cache folder (MemoOptions.CacheDirectory)." };

    /// <summary>The option that turns tables into JSON on standard output.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Write JSON for scripts instead of a table; nothing else goes to standard output." };
}
