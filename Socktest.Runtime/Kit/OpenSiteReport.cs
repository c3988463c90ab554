using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using Socktest.Engine;

namespace Socktest.Kit;

/// <summary>The third section of a leak report: where each leaked socket was opened, when that was recorded.</summary>
internal static class OpenSiteReport
{
    private const string Header = "Where the leaked sockets were opened:\n";

    /// <summary>The recorded sites of <paramref name="leaked"/>, by descriptor. Asks the switch for its core only
    /// when there is a leak, so a check that passes costs nothing more.</summary>
    internal static IReadOnlyDictionary<int, StackTrace> Find(ISocketSwitch sw, IReadOnlyList<Status> leaked)
    {
        var sites = new Dictionary<int, StackTrace>();
        if (SwitchCores.Find(sw) is not { } core)
        {
            return sites;
        }

        foreach (var status in leaked)
        {
            if (core.OpenSite(status.Descriptor, status.Generation) is { } site)
            {
                sites.Add(status.Descriptor, site);
            }
        }

        return sites;
    }

    internal static string Format(IReadOnlyList<Status> leaked, IReadOnlyDictionary<int, StackTrace> sites)
    {
        if (sites.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder(Header);
        foreach (var status in leaked)
        {
            if (!sites.TryGetValue(status.Descriptor, out var site))
            {
                continue;
            }

            text.Append(status.Descriptor).Append(": ").Append(status.Cookie).Append('\n');
            foreach (string line in site.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // The engine's frames say nothing about the test (how many there are depends on inlining, so they are
                // dropped by name rather than skipped by count); the switch's call and its callers follow.
                if (line.Contains(" Socktest.Engine.", StringComparison.Ordinal))
                {
                    continue;
                }

                text.Append("    ").Append(line).Append('\n');
            }
        }

        return text.ToString();
    }
}
