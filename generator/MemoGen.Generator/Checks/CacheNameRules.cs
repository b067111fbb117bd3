using System;
using System.Collections.Generic;

namespace MemoGen.Generator.Checks;

/// <summary>
/// Whether a cache name can name the method's folder in the disk store on Windows, Linux and macOS alike (MEMO010).
/// </summary>
internal static class CacheNameRules
{
    public const int MaxLength = 100;

    private const string WindowsInvalid = "<>:\"/\\|?*";

    private static readonly HashSet<string> ReservedOnWindows = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM\u00b9", "COM\u00b2", "COM\u00b3",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT\u00b9", "LPT\u00b2", "LPT\u00b3",
    };

    /// <summary>Why <paramref name="name"/> is not a safe folder name, as a clause after "because"; null when it is safe.</summary>
    public static string? WhyUnsafe(string name)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }

        if (name is "." or "..")
        {
            return "'.' and '..' name the current and the parent folder";
        }

        if (name.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters";
        }

        foreach (var c in name)
        {
            if (c < ' ')
            {
                return $"it contains the control character U+{(int)c:X4}";
            }

            if (WindowsInvalid.IndexOf(c) >= 0)
            {
                return c is '/' or '\\' ? $"it contains the path separator '{c}'" : $"it contains '{c}', which Windows does not allow in file names";
            }
        }

        if (name[name.Length - 1] is '.' or ' ')
        {
            return "it ends with a dot or a space, which Windows removes";
        }

        // Windows reserves device names with any extension, and ignores spaces before the extension: "nul .txt" is NUL.
        var stem = name.Split('.')[0].TrimEnd(' ');
        return ReservedOnWindows.Contains(stem) ? $"'{stem}' is a reserved device name on Windows" : null;
    }
}
