using System;
using Microsoft.CodeAnalysis.Text;

namespace Socktest.Tests.Support;

/// <summary>Source text with one span marked <c>[|like this|]</c>: the place a diagnostic is expected.</summary>
public sealed record MarkedSource(string Text, TextSpan Span)
{
    private const string Open = "[|";
    private const string Close = "|]";

    public string MarkedText => Text.Substring(Span.Start, Span.Length);

    public static MarkedSource Parse(string marked)
    {
        int start = marked.IndexOf(Open, StringComparison.Ordinal);
        int end = marked.IndexOf(Close, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new ArgumentException("The source marks no span with [| |].", nameof(marked));
        }

        string text = marked.Remove(end, Close.Length).Remove(start, Open.Length);
        return new MarkedSource(text, TextSpan.FromBounds(start, end - Open.Length));
    }
}
