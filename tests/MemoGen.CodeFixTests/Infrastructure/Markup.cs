using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace MemoGen.CodeFixTests.Infrastructure;

/// <summary>Source with spans marked <c>[|like this|]</c>: where the test reports its diagnostics.</summary>
internal sealed record Markup(string Source, IReadOnlyList<TextSpan> Spans)
{
    private const string Open = "[|";
    private const string Close = "|]";

    public static Markup Parse(string markup)
    {
        var source = new System.Text.StringBuilder();
        var spans = new List<TextSpan>();
        int position = 0;
        while (markup.IndexOf(Open, position, StringComparison.Ordinal) is var start and >= 0)
        {
            int end = markup.IndexOf(Close, start, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new ArgumentException($"'{Open}' at {start} is not closed.", nameof(markup));
            }

            source.Append(markup, position, start - position);
            int spanStart = source.Length;
            source.Append(markup, start + Open.Length, end - start - Open.Length);
            spans.Add(TextSpan.FromBounds(spanStart, source.Length));
            position = end + Close.Length;
        }

        source.Append(markup, position, markup.Length - position);
        if (spans.Count == 0)
        {
            throw new ArgumentException("The source marks no span with [| and |].", nameof(markup));
        }

        return new Markup(source.ToString(), spans);
    }
}
