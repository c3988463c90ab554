using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using Socktest;

namespace Demo;

/// <summary>Prints what happened: the clients, the switch's statistics per cookie, the leak table and the injected faults.</summary>
internal static class Report
{
    private static readonly string[] StatHeader =
    [
        "cookie", "opened", "connected", "listened", "accepted", "closed",
        "openfailed", "connectfailed", "listenfailed", "acceptfailed", "closefailed",
    ];

    /// <returns>The process exit code: 1 when a socket leaked, 2 when a client was not served, else 0.</returns>
    public static int Print(ISocketSwitch calls, IPEndPoint[] addresses, TimeSpan fallbackDelay, IReadOnlyList<ClientOutcome> outcomes, IReadOnlyList<string> faults)
    {
        Console.WriteLine($"Socktest demo: echo servers on {string.Join(" and ", addresses.Select(a => a.ToString()))}, {outcomes.Count} dialer clients, one switch.");
        PrintClients(addresses, fallbackDelay, outcomes);
        PrintStats(calls.Stats());
        bool leaked = PrintLeaks(calls.Sockets());
        PrintFaults(faults);
        return leaked ? 1 : outcomes.All(outcome => outcome.Served) ? 0 : 2;
    }

    private static void PrintClients(IPEndPoint[] addresses, TimeSpan fallbackDelay, IReadOnlyList<ClientOutcome> outcomes)
    {
        Console.WriteLine();
        Console.WriteLine($"Clients (each dials {string.Join(", ", addresses.Select(a => a.ToString()))}; fallback delay {Program.Ms(fallbackDelay)}):");
        TextTable.Print(
            ["client", "fault", "connected to", "dial", "fallback", "echo"],
            outcomes.Select(outcome => (IReadOnlyList<string>)
            [
                outcome.Number.ToString(CultureInfo.InvariantCulture),
                outcome.Fault,
                outcome.Dial.Succeeded ? outcome.Dial.RemoteEndPoint!.ToString() : $"failed: {outcome.Dial.Error}",
                Program.Ms(outcome.Dial.Elapsed),
                outcome.Dial.FallbackStarted ? "started" : "-",
                outcome.Dial.Succeeded ? (outcome.Echo == Errno.None ? "ok" : outcome.Echo.ToString()) : "-",
            ]));
    }

    private static void PrintStats(IReadOnlyList<Stat> stats)
    {
        Console.WriteLine();
        Console.WriteLine("Statistics per cookie (Go's socktest counters; EINPROGRESS counts as connectfailed, as in Go):");
        TextTable.Print(
            StatHeader,
            stats.Select(stat => (IReadOnlyList<string>)
            [
                stat.Cookie.ToString(),
                .. new[]
                {
                    stat.Opened, stat.Connected, stat.Listened, stat.Accepted, stat.Closed,
                    stat.OpenFailed, stat.ConnectFailed, stat.ListenFailed, stat.AcceptFailed, stat.CloseFailed,
                }.Select(count => count.ToString(CultureInfo.InvariantCulture)),
            ]));
        Console.WriteLine();
        Console.WriteLine("The same, as Go's Stat.String() prints it:");
        foreach (Stat stat in stats)
        {
            Console.WriteLine("  " + stat);
        }
    }

    private static bool PrintLeaks(IReadOnlyDictionary<int, Status> sockets)
    {
        Console.WriteLine();
        if (sockets.Count == 0)
        {
            Console.WriteLine("Leaked sockets: none. Every socket the switch opened was closed.");
            return false;
        }

        Console.WriteLine($"Leaked sockets: {sockets.Count} left open:");
        TextTable.Print(
            ["fd", "status"],
            sockets.OrderBy(pair => pair.Key).Select(pair => (IReadOnlyList<string>)[pair.Key.ToString(CultureInfo.InvariantCulture), pair.Value.ToString()]));
        return true;
    }

    private static void PrintFaults(IReadOnlyList<string> faults)
    {
        Console.WriteLine();
        Console.WriteLine("Injected faults and what they caused:");
        for (int i = 0; i < faults.Count; i++)
        {
            Console.WriteLine($"  {i + 1}. {faults[i]}");
        }
    }
}
