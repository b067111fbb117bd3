using System.Collections.Generic;
using System.Globalization;

namespace MemoGen.Tool.Commands;

/// <summary>Reads the arguments back from a call description (<c>name(a=1, label="x, y", map=Map { N = 4 })</c>).</summary>
internal static class CallArguments
{
    /// <summary>The arguments by name, as formatted; null when the text is not a call description of named arguments.</summary>
    public static IReadOnlyDictionary<string, string>? Parse(string? call)
    {
        int open = call?.IndexOf('(') ?? -1;
        if (call is null || open < 0 || !call.EndsWith(')'))
        {
            return null;
        }

        var arguments = new Dictionary<string, string>(System.StringComparer.Ordinal);
        int position = open + 1, end = call.Length - 1;
        while (position < end)
        {
            int equals = call.IndexOf('=', position);
            if (equals < 0 || equals > end)
            {
                return null;
            }

            int valueEnd = EndOfValue(call, equals + 1, end);
            arguments[call[position..equals]] = call[(equals + 1)..valueEnd];
            position = valueEnd + 2;  // past ", "
        }

        return arguments;
    }

    /// <summary>
    /// A value's text made comparable: a quoted string unquoted, a number in its shortest round-trip form (so that a
    /// space's 64 matches a call's 64 whether the parameter is an int or a double), anything else as it is.
    /// </summary>
    public static string Normalize(string text)
    {
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            return text[1..^1].Replace("\\\"", "\"");
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
            ? number.ToString("R", CultureInfo.InvariantCulture)
            : text;
    }

    /// <summary>Where the value starting at <paramref name="start"/> ends: at a top-level <c>", "</c> or at <paramref name="end"/>.</summary>
    private static int EndOfValue(string call, int start, int end)
    {
        int depth = 0;
        bool quoted = false;
        for (int i = start; i < end; i++)
        {
            char c = call[i];
            if (quoted)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
            }
            else if (depth == 0 && c == ',' && i + 1 < end && call[i + 1] == ' ')
            {
                return i;
            }
        }

        return end;
    }
}
