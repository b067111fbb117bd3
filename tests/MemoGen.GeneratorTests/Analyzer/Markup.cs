using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;

namespace MemoGen.GeneratorTests.Analyzer;

/// <summary>
/// Source with its expected diagnostics marked in place: <c>{|MEMO001:value|}</c> expects MEMO001 located exactly on
/// <c>value</c>; <c>{|MEMO004,MEMO004:Bad|}</c> expects two at one place.
/// </summary>
internal sealed record Markup(string Source, IReadOnlyList<(string Id, TextSpan Span)> Expected)
{
    private static readonly Regex Marker = new(@"\{\|(MEMO\d{3}(?:,MEMO\d{3})*):(.*?)\|\}", RegexOptions.Singleline);

    public static Markup Parse(string marked)
    {
        var source = new StringBuilder();
        var expected = new List<(string, TextSpan)>();
        var last = 0;
        foreach (Match match in Marker.Matches(marked))
        {
            source.Append(marked, last, match.Index - last);
            var text = match.Groups[2].Value;
            foreach (var id in match.Groups[1].Value.Split(','))
            {
                expected.Add((id, new TextSpan(source.Length, text.Length)));
            }

            source.Append(text);
            last = match.Index + match.Length;
        }

        source.Append(marked, last, marked.Length - last);
        return new Markup(source.ToString(), expected);
    }
}
