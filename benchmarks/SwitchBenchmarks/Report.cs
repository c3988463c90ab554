using System;
using System.Collections.Generic;
using System.Globalization;

namespace Socktest.Benchmarks;

/// <summary>Prints the groups and the targets as plain-text (Markdown) tables.</summary>
internal static class Report
{
    /// <summary>Prints one group: ns/op, ratio to the first case, bytes/op.</summary>
    public static void Group(string title, string unit, IReadOnlyList<CaseResult> results)
    {
        Console.WriteLine();
        Console.WriteLine($"### {title}");
        Console.WriteLine();
        Console.WriteLine($"| case | ns/{unit} (median) | ratio to first (median) | spread (p25–p75) | ns/{unit} (fastest round) | fastest to fastest | bytes/{unit} |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.NsPerOp:F1} | {r.Ratio:F3}x | {r.RatioLow:F3}–{r.RatioHigh:F3} | {r.NsBest:F1} | {r.NsBest / results[0].NsBest:F3}x | {r.BytesPerOp:F2} |"));
        }
    }

    /// <summary>Prints the targets with PASS or FAIL.</summary>
    public static void Targets(IReadOnlyList<Target> targets)
    {
        Console.WriteLine();
        Console.WriteLine("### Targets");
        Console.WriteLine();
        Console.WriteLine("| target | measured | goal | result |");
        Console.WriteLine("|---|---:|---:|---|");
        foreach (var t in targets)
        {
            Console.WriteLine($"| {t.Name} | {t.Measured} | {t.Goal} | {(t.Met ? "PASS" : "FAIL")}{(t.IsTiming ? string.Empty : " (checked in --quick too)")} |");
        }
    }
}
