using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Socktest;

/// <summary>
/// Go's two reports on a switch, as its tests print them (<c>printInflightSockets</c>, <c>printSocketStats</c>),
/// byte for byte: what <see cref="SocketSwitchExtensions.AssertNoLeaks"/> puts in its message, for a test to print
/// whenever it likes. Lines end with <c>\n</c> on every OS.
/// </summary>
/// <remarks>
/// <para>Inflight sockets are ordered by descriptor and statistics by cookie (Go's are a map's order), so a report is
/// the same from run to run.</para>
/// <para>An <c>ignore</c> predicate leaves out the sockets it excuses, and the statistics line of every cookie it
/// excuses as a whole: it is also asked about a status of each cookie with no errors and
/// <see cref="Status.Descriptor"/> -1. So a predicate on the cookie (<see cref="SocketMatch.RuntimeProbes"/>, a family
/// or a type) removes those sockets from both sections, while one on descriptors (a port) only removes the sockets. A
/// cookie that has a reported socket always keeps its line.</para>
/// </remarks>
public static class SocketReports
{
    private const string InflightHeader = "Inflight sockets:\n";
    private const string StatisticsHeader = "Socket statistical information:\n";

    /// <summary>The open sockets, as Go's <c>printInflightSockets</c> prints them:
    /// <c>Inflight sockets:</c> then <c>7: (inet4, stream, tcp): syscallerr=&lt;nil&gt; socketerr=&lt;nil&gt;</c> per
    /// socket; the empty string when there is none.</summary>
    /// <param name="sw">The switch.</param>
    /// <param name="ignore">Sockets to leave out, or <see langword="null"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sw"/> is <see langword="null"/>.</exception>
    public static string InflightSockets(ISocketSwitch sw, Func<Status, bool>? ignore = null)
    {
        ArgumentNullException.ThrowIfNull(sw);
        return Inflight(Open(sw.Sockets(), ignore));
    }

    /// <summary>The statistics, as Go's <c>printSocketStats</c> prints them: <c>Socket statistical information:</c>
    /// then one <see cref="Stat"/> per line; the empty string when there is none.</summary>
    /// <param name="sw">The switch.</param>
    /// <param name="ignore">Cookies to leave out (see the remarks), or <see langword="null"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sw"/> is <see langword="null"/>.</exception>
    public static string Statistics(ISocketSwitch sw, Func<Status, bool>? ignore = null)
    {
        ArgumentNullException.ThrowIfNull(sw);
        if (ignore is null)
        {
            return Statistics(sw.Stats(), [], ignore);
        }

        // Which cookies keep their line depends on the open sockets: read them with the statistics, at one instant,
        // when the switch has an engine.
        var (sockets, stats) = Engine.SwitchCores.Find(sw) is { } core ? core.Snapshot() : (sw.Sockets(), sw.Stats());
        return Statistics(stats, Open(sockets, ignore), ignore);
    }

    /// <summary>The open sockets <paramref name="ignore"/> does not excuse, ordered by descriptor, each with its
    /// descriptor in <see cref="Status.Descriptor"/>.</summary>
    internal static List<Status> Open(IReadOnlyDictionary<int, Status> sockets, Func<Status, bool>? ignore)
        => sockets
            .Select(pair => pair.Value with { Descriptor = pair.Key })
            .Where(status => ignore is null || !ignore(status))
            .OrderBy(status => status.Descriptor)
            .ToList();

    internal static string Inflight(IReadOnlyList<Status> open)
    {
        if (open.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder(InflightHeader);
        foreach (var status in open)
        {
            text.Append(status.Descriptor).Append(": ").Append(status).Append('\n');
        }

        return text.ToString();
    }

    internal static string Statistics(IReadOnlyList<Stat> stats, IReadOnlyList<Status> open, Func<Status, bool>? ignore)
    {
        var shown = stats
            .Where(stat => ignore is null
                || open.Any(status => status.Cookie == stat.Cookie)
                || !ignore(new Status(stat.Cookie, Errno.None, Errno.None)))
            .ToList();
        if (shown.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder(StatisticsHeader);
        foreach (var stat in shown)
        {
            text.Append(stat).Append('\n');
        }

        return text.ToString();
    }
}
