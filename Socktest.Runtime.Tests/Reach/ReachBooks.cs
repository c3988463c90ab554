using System;
using System.Linq;
using System.Threading.Tasks;
using Socktest.Interop;
using Xunit;

namespace Socktest.Tests.Reach;

/// <summary>A scope's TCP books per family, adopted sockets included, and the wait for its last close.</summary>
internal static class ReachBooks
{
    /// <summary>The scope's TCP counters of <paramref name="family"/>: (opened, accepted, adopted, closed, sendFailed,
    /// recvFailed, bytesSent).</summary>
    public static (ulong Opened, ulong Accepted, ulong Adopted, ulong Closed, ulong SendFailed, ulong RecvFailed, ulong BytesSent) Tcp(ISocketSwitch sockets, int family)
    {
        var stats = sockets.Stats().Where(s => s.Family == family && (s.Type & 0xff) == SocketConstants.SOCK_STREAM).ToList();
        return (Sum(s => s.Opened), Sum(s => s.Accepted), Sum(s => s.Adopted), Sum(s => s.Closed), Sum(s => s.SendFailed), Sum(s => s.RecvFailed), Sum(s => s.BytesSent));

        ulong Sum(Func<Stat, ulong> counter) => stats.Aggregate(0UL, (sum, s) => sum + counter(s));
    }

    /// <summary>Waits (10 s at most) for the scope's last TCP socket to close, then checks that none is left and that
    /// <c>opened + accepted + adopted = closed</c> for each family. A socket still open then fails the test with the
    /// leak check's report (which end: the client's is inet6, the server's inet4) and the scope's warnings.</summary>
    public static async Task AssertClosedAndBalancedAsync(ISocketSwitch sockets, string round = "")
    {
        try
        {
            await sockets.AssertNoLeaksAsync(status => !IsTcp(status.Cookie), TimeSpan.FromSeconds(10));
        }
        catch (SocketLeakException leak)
        {
            var warnings = sockets is SocketScope scope ? scope.Warnings : [];
            Assert.Fail($"A TCP socket of the scope was still open after 10 s {round}.{Environment.NewLine}{leak.Message}Warnings: {string.Join(Environment.NewLine, warnings)}");
        }

        foreach (int family in new[] { SocketConstants.AF_INET, SocketConstants.AF_INET6 })
        {
            var books = Tcp(sockets, family);
            Assert.Equal(books.Opened + books.Accepted + books.Adopted, books.Closed);
        }
    }

    private static bool IsTcp(Cookie cookie)
        => (cookie.Type & 0xff) == SocketConstants.SOCK_STREAM
           && (cookie.Family == SocketConstants.AF_INET || cookie.Family == SocketConstants.AF_INET6);
}
