using System.Linq;

namespace Socktest.Scenarios;

/// <summary>The accounting equations a process-wide switch must balance after any scenario.</summary>
public static class Books
{
    /// <summary>Every socket the switch saw open is closed or still in its table: <c>Opened + Accepted = Closed + open</c>,
    /// summed over all cookies.</summary>
    public static void Balance(ISocketSwitch sockets, string when)
    {
        // Stats() and Sockets() are two snapshots; while traffic flows they are compared only when no counter moved
        // between them, and every change to the table moves a counter.
        for (int attempt = 0; ; attempt++)
        {
            var stats = sockets.Stats();
            int open = sockets.Sockets().Count;
            if (!stats.SequenceEqual(sockets.Stats()) && attempt < 1000)
            {
                continue;
            }

            ulong opened = Sum(stats, s => s.Opened) + Sum(stats, s => s.Accepted);
            ulong closed = Sum(stats, s => s.Closed);
            if (opened != closed + (ulong)open)
            {
                var table = sockets.Sockets();
                string detail = string.Join("; ", stats.Select(s => $"{s} open={table.Values.Count(v => v.Cookie == s.Cookie)}"));
                Check.Equal(opened, closed + (ulong)open, $"{when}: opened + accepted = closed + open ({closed} closed, {open} open): {detail}");
            }
            return;
        }
    }

    /// <summary>A Close filter that lets every close through ran once per close the switch counted.</summary>
    public static void CloseFilterCallsMatch(ISocketSwitch sockets, long filterCalls, string when)
    {
        var stats = sockets.Stats();
        ulong counted = Sum(stats, s => s.Closed) + Sum(stats, s => s.CloseFailed);
        Check.Equal(counted, (ulong)filterCalls, $"{when}: Close filter calls = closed + closefailed");
    }

    private static ulong Sum(System.Collections.Generic.IReadOnlyList<Stat> stats, System.Func<Stat, ulong> counter)
        => stats.Aggregate(0UL, (sum, stat) => sum + counter(stat));
}
