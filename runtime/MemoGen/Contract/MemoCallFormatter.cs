using System;
using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace MemoGen.Infrastructure;

/// <summary>Describes a call for people, like joblib's <c>format_call</c>: <c>name(x=1, label="a", data=double[1000])</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MemoCallFormatter
{
    /// <summary>A value longer than this is cut, so one argument cannot flood a log line.</summary>
    public const int MaxValueLength = 120;

    /// <summary>Formats a call from the function's name and its named, already formatted arguments.</summary>
    public static string Format(string function, params (string Name, string Value)[] arguments)
    {
        var text = new StringBuilder(function).Append('(');
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(arguments[i].Name).Append('=').Append(arguments[i].Value);
        }

        return text.Append(')').ToString();
    }

    /// <summary>Formats one argument: strings quoted, collections by element type and count, others by invariant <c>ToString</c>.</summary>
    public static string Value<T>(T value)
    {
        var text = value switch
        {
            null => "null",
            string s => "\"" + s.Replace("\"", "\\\"") + "\"",
            Array array => $"{array.GetType().GetElementType()!.Name}[{array.Length}]",
            ICollection collection => $"{typeof(T).Name}(Count={collection.Count})",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.Length <= MaxValueLength ? text : string.Concat(text.AsSpan(0, MaxValueLength - 1), "…");
    }
}
