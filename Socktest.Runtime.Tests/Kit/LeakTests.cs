using System.Collections.Generic;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Kit;

/// <summary><see cref="SocketSwitchExtensions.AssertNoLeaks"/> and <see cref="SocketReports"/> on real sockets: Go's
/// report text byte for byte, descriptor order, and what <c>ignore</c> removes.</summary>
public class LeakTests
{
    private const string Counters0 = "connected=0 listened=0 accepted=0";
    private const string Failed0 = "openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0";

    [Fact]
    public void NothingOpenIsNoLeak()
    {
        var sw = new SocketCallsSwitch();
        Assert.Equal(Errno.None, KitCalls.Socket(sw));

        sw.AssertNoLeaks();
        Assert.Equal(string.Empty, SocketReports.InflightSockets(sw));
        Assert.Equal($"Socket statistical information:\n(inet4, stream, tcp): opened=1 {Counters0} closed=1 {Failed0}\n", SocketReports.Statistics(sw));
    }

    [Fact]
    public void AnEmptySwitchHasEmptyReports()
    {
        var sw = new SocketCallsSwitch();

        Assert.Equal(string.Empty, SocketReports.InflightSockets(sw));
        Assert.Equal(string.Empty, SocketReports.Statistics(sw));
    }

    [Fact]
    public void ALeakedSocketThrowsWithGosReport()
    {
        var sw = new SocketCallsSwitch();
        int fd = Loopback.Check(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), "socket");

        var leak = Assert.Throws<SocketLeakException>(() => sw.AssertNoLeaks());

        Assert.Equal(
            "Inflight sockets:\n"
            + $"{fd}: (inet4, stream, tcp): syscallerr=<nil> socketerr=<nil>\n"
            + "Socket statistical information:\n"
            + $"(inet4, stream, tcp): opened=1 {Counters0} closed=0 {Failed0}\n",
            leak.Message);
        var leaked = Assert.Single(leak.Leaked);
        Assert.Equal(fd, leaked.Descriptor);
        Assert.Equal(Cookie.Of(AF_INET, SOCK_STREAM, IPPROTO_TCP), leaked.Cookie);
        Assert.Equal(leak.Message, SocketReports.InflightSockets(sw) + SocketReports.Statistics(sw));
        Assert.Equal(0, sw.Close(fd));
        sw.AssertNoLeaks();
    }

    [Fact]
    public void IgnoredSocketsAndTheirCookiesStatisticsAppearNowhere()
    {
        var sw = new SocketCallsSwitch();
        int v4 = Loopback.Check(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), "socket");
        int v6 = Loopback.Check(sw.Socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP), "socket");

        var leak = Assert.Throws<SocketLeakException>(() => sw.AssertNoLeaks(SocketMatch.Family(AF_INET6)));

        Assert.Equal(
            $"Inflight sockets:\n{v4}: (inet4, stream, tcp): syscallerr=<nil> socketerr=<nil>\n"
            + $"Socket statistical information:\n(inet4, stream, tcp): opened=1 {Counters0} closed=0 {Failed0}\n",
            leak.Message);
        Assert.DoesNotContain("inet6", leak.Message);
        Assert.Equal(v4, Assert.Single(leak.Leaked).Descriptor);
        sw.AssertNoLeaks(status => true);
        Assert.Equal(0, sw.Close(v4));
        sw.AssertNoLeaks(SocketMatch.Family(AF_INET6));
        Assert.Equal(0, sw.Close(v6));
    }

    [Fact]
    public void ASocketIgnoredByItsPortLeavesItsCookiesStatisticsForTheOneThatLeaked()
    {
        var sw = new SocketCallsSwitch();
        int listener = Switch.AcceptTests.TrackedListener(sw, Net.V4, out int port);
        int leaked = Loopback.Check(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), "socket");

        var leak = Assert.Throws<SocketLeakException>(() => sw.AssertNoLeaks(SocketMatch.LocalPort(port)));

        Assert.Equal(
            $"Inflight sockets:\n{leaked}: (inet4, stream, tcp): syscallerr=<nil> socketerr=<nil>\n"
            + $"Socket statistical information:\n(inet4, stream, tcp): opened=2 connected=0 listened=1 accepted=0 closed=0 {Failed0}\n",
            leak.Message);
        Assert.DoesNotContain($"\n{listener}: ", leak.Message);
        Assert.Equal(0, sw.Close(leaked));
        sw.AssertNoLeaks(SocketMatch.LocalPort(port));
        Assert.Equal(0, sw.Close(listener));
    }

    [Fact]
    public void InflightSocketsAreOrderedByDescriptor()
    {
        var tcp = Cookie.Of(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        var sw = new HandWrittenSwitch(sockets: new Dictionary<int, Status>
        {
            [12] = new(tcp, Errno.None, Errno.None),
            [3] = new(tcp, Errno.None, Errno.ECONNREFUSED),
            [7] = new(tcp, Errno.None, Errno.None),
        });

        var leak = Assert.Throws<SocketLeakException>(() => sw.AssertNoLeaks());

        Assert.Equal(
            "Inflight sockets:\n"
            + "3: (inet4, stream, tcp): syscallerr=<nil> socketerr=connection refused\n"
            + "7: (inet4, stream, tcp): syscallerr=<nil> socketerr=<nil>\n"
            + "12: (inet4, stream, tcp): syscallerr=<nil> socketerr=<nil>\n",
            leak.Message);
        Assert.Equal([3, 7, 12], [.. System.Linq.Enumerable.Select(leak.Leaked, s => s.Descriptor)]);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        KitCalls.Rejects<System.ArgumentNullException>("sw", () => SocketSwitchExtensions.AssertNoLeaks(null!));
        KitCalls.Rejects<System.ArgumentNullException>("sw", () => SocketReports.InflightSockets(null!));
        KitCalls.Rejects<System.ArgumentNullException>("sw", () => SocketReports.Statistics(null!));
    }
}
