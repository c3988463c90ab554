using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Socktest.Engine;

namespace Socktest.Kit;

/// <summary>A <see cref="SocketTrace"/> as a table a person reads: one line per call, columns aligned.</summary>
internal static class TraceTable
{
    internal static string Format(SocketTrace trace, IReadOnlyList<TraceEntry> entries)
    {
        var rows = new List<string[]>(entries.Count + 1) { new[] { "#", "ms", "thread", "call", "fd", "cookie", "result" } };
        foreach (var entry in entries)
        {
            double ms = trace.Elapsed(entry).TotalMilliseconds;
            rows.Add(
            [
                entry.Sequence.ToString(CultureInfo.InvariantCulture),
                ms.ToString("F3", CultureInfo.InvariantCulture),
                entry.ThreadId.ToString(CultureInfo.InvariantCulture),
                CallName(entry),
                entry.Descriptor < 0 ? "-" : entry.Descriptor.ToString(CultureInfo.InvariantCulture),
                entry.Cookie.ToString(),
                Outcome(entry),
            ]);
        }

        long recorded = trace.Recorded;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Socket calls: {entries.Count} of {recorded} recorded (capacity {trace.Capacity}), ms since {trace.Started:O}\n");
        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                widths[i] = System.Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                // Numbers right-aligned, words left-aligned; the last column is not padded.
                bool number = i is 0 or 1 or 2 or 4;
                string cell = number ? row[i].PadLeft(widths[i]) : i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i]);
                text.Append(cell).Append(i == row.Length - 1 ? "\n" : "  ");
            }
        }

        return text.ToString();
    }

    /// <summary>The call's name; a receive with MSG_PEEK is <c>recv(MSG_PEEK)</c>, so that its bytes, which no counter
    /// counts, are not mistaken for bytes read.</summary>
    internal static string CallName(in TraceEntry entry) => entry.Peek ? "recv(MSG_PEEK)" : CallName(entry.Operation);

    internal static string CallName(FilterType type)
        => (uint)type < (uint)FilterTypes.CallNames.Length ? FilterTypes.CallNames[(int)type] : type.ToString();

    internal static string Outcome(in TraceEntry entry)
    {
        if (entry.Error.Value == 0)
        {
            return entry.Result.ToString(CultureInfo.InvariantCulture);
        }

        string outcome = "-1 " + entry.Error;
        return entry.Injected ? outcome + " injected by " + FilterName(entry.InjectedBy, entry.Operation) : outcome;
    }

    private static string FilterName(Filter? filter, FilterType type)
        => filter?.Target is Fault fault ? fault.Label : "the " + type + " filter";
}
