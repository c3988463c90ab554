using System.Linq;
using Xunit;

namespace Socktest.Samples.Dialing.Tests;

/// <summary>Assertions on a switch's statistics for one address family.</summary>
internal static class Counts
{
    public static void Assert(SocketCallsSwitch calls, int family, ulong opened, ulong connectFailed, ulong connected, ulong closed)
    {
        Stat? stat = calls.Stats().SingleOrDefault(s => s.Family == family);
        Xunit.Assert.NotNull(stat);
        Xunit.Assert.Equal(
            (opened, connectFailed, connected, closed),
            (stat.Opened, stat.ConnectFailed, stat.Connected, stat.Closed));
        Xunit.Assert.Equal(0UL, stat.OpenFailed + stat.CloseFailed);
    }

    public static void AssertUntouched(SocketCallsSwitch calls, int family)
        => Xunit.Assert.DoesNotContain(calls.Stats(), s => s.Family == family);
}
