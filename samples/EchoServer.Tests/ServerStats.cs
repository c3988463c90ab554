using System.Linq;
using Xunit;

namespace Socktest.Samples.Echo.Tests;

/// <summary>Assertions on the statistics of the server's one cookie (listener and accepted sockets share it).</summary>
internal static class ServerStats
{
    public static void Assert(SocketCallsSwitch calls, ulong accepted)
    {
        Stat stat = Xunit.Assert.Single(calls.Stats());
        Xunit.Assert.Equal(
            (Opened: 1UL, Listened: 1UL, Accepted: accepted, Closed: accepted + 1, AcceptFailed: 0UL, CloseFailed: 0UL),
            (stat.Opened, stat.Listened, stat.Accepted, stat.Closed, stat.AcceptFailed, stat.CloseFailed));
    }
}
