using System.Threading.Tasks;
using AotTests.Support;
using Socktest;
using TUnit.Assertions;
using TUnit.Assertions.Extensions;
using TUnit.Core;
using static Socktest.Interop.SocketConstants;

namespace AotTests.Tests;

/// <summary>Statistics printed in Go's format after real traffic, kernel failures included.</summary>
public class StatsFormatTests
{
    [Test]
    [Arguments("inet4")]
    [Arguments("inet6")]
    public async Task StatsReadExactlyLikeGos(string family)
    {
        var calls = new SocketCallsSwitch();
        var dialer = new Dialer(calls);
        int listener = Loopback.Listen(calls, family, out byte[] address);
        int client = dialer.Dial(Loopback.FamilyOf(family), address);
        int server = calls.Accept(listener, default, out _);

        // SO_ERROR reading 0 counts a second "connected", as Go's getsockopt hook does after a non-blocking dial.
        await Assert.That(calls.GetsockoptInt(client, SOL_SOCKET, SO_ERROR, out int soError)).IsEqualTo(0);
        await Assert.That(soError).IsEqualTo(0);

        // The kernel refuses a connect to a port nobody listens on: that one counts as connectfailed.
        int closedPort = Loopback.Unreachable(family, out byte[] nobody);
        int refused = dialer.Dial(Loopback.FamilyOf(family), nobody);
        var refusal = Errno.Last();
        ISocketCalls.Native.Close(closedPort);

        foreach (int fd in new[] { server, client, listener })
        {
            calls.Close(fd);
        }

        await Assert.That(refused).IsEqualTo(-1);
        await Assert.That(refusal).IsEqualTo(Errno.ECONNREFUSED);
        var stats = calls.Stats();
        await Assert.That(stats.Count).IsEqualTo(1);
        await Assert.That(stats[0].ToString()).IsEqualTo(
            $"({family}, stream, tcp): opened=3 connected=2 listened=1 accepted=1 closed=4 "
            + "openfailed=0 connectfailed=1 listenfailed=0 acceptfailed=0 closefailed=0");
        calls.AssertNoLeaks();
    }

    [Test]
    public async Task KernelFailuresOfSocketAndCloseAreCounted()
    {
        var calls = new SocketCallsSwitch();
        int unsupported = calls.Socket(AF_INET, SOCK_STREAM, IPPROTO_UDP);
        var socketError = Errno.Last();
        int fd = calls.Socket(AF_INET, SOCK_DGRAM, 0);
        await Assert.That(calls.Close(fd)).IsEqualTo(0);

        await Assert.That(unsupported).IsEqualTo(-1);
        await Assert.That(socketError).IsEqualTo(Errno.EPROTONOSUPPORT);
        // Ordered by cookie: type stream (1) before datagram (2).
        var stats = calls.Stats();
        await Assert.That(stats.Count).IsEqualTo(2);
        await Assert.That(stats[0].ToString()).IsEqualTo(
            "(inet4, stream, udp): opened=0 connected=0 listened=0 accepted=0 closed=0 "
            + "openfailed=1 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0");
        await Assert.That(stats[1].ToString()).IsEqualTo(
            "(inet4, datagram, default): opened=1 connected=0 listened=0 accepted=0 closed=1 "
            + "openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0");
    }
}
