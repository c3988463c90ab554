using System;
using System.Linq;
using System.Threading.Tasks;
using Socktest.Interop;

namespace Socktest.Samples.Weather.Tests;

/// <summary>What the process-wide switch saw of the client's connections.</summary>
internal static class Connections
{
    /// <summary>Sockets the client opened: HttpClient dials from dual-mode IPv6 sockets, even to 127.0.0.1, and Kestrel's
    /// sockets here are IPv4, so the IPv6 stream sockets are the client's.</summary>
    public static ulong OpenedByClient(ISocketSwitch sockets)
        => sockets.Stats().Where(s => s.Family == SocketConstants.AF_INET6 && (s.Type & 0xff) == SocketConstants.SOCK_STREAM).Aggregate(0UL, (sum, s) => sum + s.Opened);

    /// <summary>Connections Kestrel accepted.</summary>
    public static ulong AcceptedByApi(ISocketSwitch sockets)
        => sockets.Stats().Where(s => s.Family == SocketConstants.AF_INET && (s.Type & 0xff) == SocketConstants.SOCK_STREAM).Aggregate(0UL, (sum, s) => sum + s.Accepted);

    /// <summary>Kit's leak check (Go's report on failure), after giving closes that happen on other threads (the
    /// connection pool's, Kestrel's) a moment; the runtime's own probe sockets are excused.</summary>
    public static async Task AssertNoneLeftAsync(ISocketSwitch sockets)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (sockets.Sockets().Values.Any(s => !SocketMatch.RuntimeProbes(s)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        sockets.AssertNoLeaks(SocketMatch.RuntimeProbes);
    }
}
