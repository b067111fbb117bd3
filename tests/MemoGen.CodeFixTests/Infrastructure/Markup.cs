using System;
using Microsoft.CodeAnalysis.Text;

namespace MemoGen.CodeFixTests.Infrastructure;

/// <summary>Source with one span marked <c>[|like this|]</c>: where the test reports its diagnostic.</summary>
internal readonly record struct Markup(string Source, TextSpan Span)
{
    private const string Open = "[|";
    private const string Close = "|]";

    public static Markup Parse(string markup)
    {
        int start = markup.IndexOf(Open, StringComparison.Ordinal);
        int end = markup.IndexOf(Close, StringComparison.Ordinal);
        if (start < 0 || end < start || markup.IndexOf(Open, start + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException("The source must mark exactly one span with [| and |].", nameof(markup));
        }

        string source = markup.Remove(end, Close.Length).Remove(start, Open.Length);
        return new Markup(source, TextSpan.FromBounds(start, end - Open.Length));
    }
}
