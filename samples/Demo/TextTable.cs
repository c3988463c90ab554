using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Demo;

/// <summary>Prints rows as columns padded to their widest cell: numbers (and times in ms) right-aligned, text left-aligned.</summary>
internal static partial class TextTable
{
    public static void Print(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string indent = "  ")
    {
        var body = rows.ToList();
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(body);
        int[] widths = Enumerable.Range(0, header.Count).Select(column => all.Max(row => row[column].Length)).ToArray();
        bool[] numeric = Enumerable.Range(0, header.Count).Select(column => body.Count > 0 && body.All(row => Number().IsMatch(row[column]))).ToArray();
        foreach (var row in all)
        {
            var cells = row.Select((cell, column) => numeric[column] ? cell.PadLeft(widths[column]) : cell.PadRight(widths[column]));
            Console.WriteLine(indent + string.Join("  ", cells).TrimEnd());
        }
    }

    [GeneratedRegex(@"^\d+( ms)?$")]
    private static partial Regex Number();
}
