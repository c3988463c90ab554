using System;
using System.Collections.Generic;
using System.Linq;
using Socktest;

namespace Demo;

/// <summary>Prints what a switch saw: statistics per cookie, the leak table and the injected faults.</summary>
internal static class Report
{
    /// <returns>The process exit code: 0 when no socket leaked, 1 otherwise.</returns>
    public static int Print(ISocketSwitch calls, IReadOnlyList<string> faults)
    {
        Console.WriteLine();
        Console.WriteLine("Statistics (Go's socktest format):");
        foreach (var stat in calls.Stats())
        {
            Console.WriteLine("  " + stat);
        }

        Console.WriteLine();
        Console.WriteLine("Injected faults:");
        foreach (var fault in faults)
        {
            Console.WriteLine("  - " + fault);
        }

        var leaked = calls.Sockets();
        Console.WriteLine();
        if (leaked.Count == 0)
        {
            Console.WriteLine("Leaks: none. Every socket the switch opened was closed.");
            return 0;
        }

        Console.WriteLine($"Leaks: {leaked.Count} socket(s) left open:");
        foreach (var (fd, status) in leaked.OrderBy(pair => pair.Key))
        {
            Console.WriteLine($"  fd {fd}: {status}");
        }

        return 1;
    }
}
