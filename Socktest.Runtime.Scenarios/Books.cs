using System.Collections.Generic;
using System.Linq;
using Socktest.Engine;

namespace Socktest.Scenarios;

/// <summary>The accounting equations a process-wide switch must balance after any scenario.</summary>
public static class Books
{
    /// <summary>Every socket the switch saw open, or was handed, is closed or still in its table:
    /// <c>Opened + Accepted + Adopted = Closed + open</c>, summed over all cookies, read from one snapshot.</summary>
    /// <remarks>The table and the counters are read under one freeze of the switch (<c>SwitchCore.Snapshot</c>), in
    /// which no socket is counted but not tabled or the reverse; a socket whose close is in flight is still in the
    /// table and not yet counted closed. Reading <c>Stats()</c>, <c>Sockets()</c> and <c>Stats()</c> again, and
    /// comparing only when the two statistics agree, needs a moment with no traffic at all: under qemu with three
    /// threads connecting, a thousand tries found none, and the check then compared two different instants.</remarks>
    public static void Balance(ISocketSwitch sockets, string when)
    {
        var (table, stats) = SwitchCores.Find(sockets) is { } core
            ? core.Snapshot()
            : (sockets.Sockets(), sockets.Stats());
        int open = table.Count;
        ulong opened = Sum(stats, s => s.Opened) + Sum(stats, s => s.Accepted) + Sum(stats, s => s.Adopted);
        ulong closed = Sum(stats, s => s.Closed);
        if (opened != closed + (ulong)open)
        {
            string detail = string.Join("; ", stats.Select(s => $"{s} adopted={s.Adopted} open={table.Values.Count(v => v.Cookie == s.Cookie)}"));
            Check.Equal(opened, closed + (ulong)open, $"{when}: opened + accepted + adopted = closed + open ({closed} closed, {open} open): {detail}");
        }
    }

    /// <summary>A Close filter that lets every close through ran once per close the switch counted.</summary>
    public static void CloseFilterCallsMatch(ISocketSwitch sockets, long filterCalls, string when)
    {
        var stats = sockets.Stats();
        ulong counted = Sum(stats, s => s.Closed) + Sum(stats, s => s.CloseFailed);
        Check.Equal(counted, (ulong)filterCalls, $"{when}: Close filter calls = closed + closefailed");
    }

    private static ulong Sum(IReadOnlyList<Stat> stats, System.Func<Stat, ulong> counter)
        => stats.Aggregate(0UL, (sum, stat) => sum + counter(stat));
}
