using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Socktest;

namespace AotTests.Support;

/// <summary>Thrown by <see cref="LeakCheck.AssertNoLeaks"/> when a switch still tracks open sockets.</summary>
public sealed class SocketLeakException(IReadOnlyDictionary<int, Status> leaked, string report) : Exception(report)
{
    /// <summary>The sockets left open: descriptor to status.</summary>
    public IReadOnlyDictionary<int, Status> Leaked { get; } = leaked;
}

/// <summary>The leak check a test runs at its end: every socket the switch saw opened must have been closed.</summary>
public static class LeakCheck
{
    /// <summary>Throws <see cref="SocketLeakException"/> listing each leaked socket and the statistics, in Go's format.</summary>
    /// <param name="calls">The switch the test ran its code through.</param>
    public static void AssertNoLeaks(ISocketSwitch calls)
    {
        var leaked = calls.Sockets();
        if (leaked.Count == 0)
        {
            return;
        }

        var report = new StringBuilder();
        report.Append(leaked.Count).AppendLine(" socket(s) leaked:");
        foreach (var (fd, status) in leaked.OrderBy(pair => pair.Key))
        {
            report.Append("  fd ").Append(fd).Append(": ").Append(status).AppendLine();
        }

        report.AppendLine("statistics:");
        foreach (var stat in calls.Stats())
        {
            report.Append("  ").Append(stat).AppendLine();
        }

        throw new SocketLeakException(leaked, report.ToString());
    }
}
