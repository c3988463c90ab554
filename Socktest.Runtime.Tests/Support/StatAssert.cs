using System.Linq;
using Socktest;
using Xunit;

namespace Socktest.Tests.Support;

/// <summary>Checks on a switch's statistics and socket table.</summary>
internal static class StatAssert
{
    /// <summary>A stat of <paramref name="cookie"/> with every counter 0; tests say which ones they expect with <c>with</c>.</summary>
    public static Stat Zero(Cookie cookie)
        => new() { Family = cookie.Family, Type = cookie.Type, Protocol = cookie.Protocol };

    /// <summary>The one stat of <paramref name="cookie"/>.</summary>
    public static Stat Of(ISocketSwitch sw, Cookie cookie) => Assert.Single(sw.Stats(), s => s.Cookie == cookie);

    /// <summary>The stats and the table agree: for every cookie, opened + accepted + adopted - closed sockets are in the table.</summary>
    public static void Consistent(ISocketSwitch sw)
    {
        var stats = sw.Stats();
        var sockets = sw.Sockets();
        foreach (var stat in stats)
        {
            ulong tracked = (ulong)sockets.Values.Count(s => s.Cookie == stat.Cookie);
            Assert.Equal(stat.Opened + stat.Accepted + stat.Adopted - stat.Closed, tracked);
        }

        Assert.All(sockets.Values, s => Assert.Contains(stats, stat => stat.Cookie == s.Cookie));
    }
}
