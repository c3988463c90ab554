using System;
using System.Runtime.InteropServices;
using Socktest.Scenarios;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>Accept and Accept4 on a tracked listener: one filter type, the listener's cookie, closing on failure.</summary>
[Collection(QuietDescriptorTable.Name)]
public class AcceptTests
{
    public enum Call
    {
        Accept,
        Accept4,
    }

    [Theory]
    [InlineData(Net.V4, Call.Accept)]
    [InlineData(Net.V4, Call.Accept4)]
    [InlineData(Net.V6, Call.Accept)]
    [InlineData(Net.V6, Call.Accept4)]
    public void AcceptedSocketInheritsTheListenersCookie(Net net, Call call)
    {
        var sw = new SocketCallsSwitch();
        int listener = TrackedListener(sw, net, out int port);
        int client = Loopback.Client(net, port);
        var address = new byte[128];

        int accepted = Accept(sw, call, listener, address, out int addressLength);

        Assert.True(accepted >= 0, $"accept failed: {Errno.Last()}");
        Assert.Equal(Loopback.AddressSize(net), addressLength);
        Assert.Equal(Loopback.LocalPort(client), Loopback.PortOf(address.AsSpan(0, addressLength)));
        var sockets = sw.Sockets();
        Assert.Equal(2, sockets.Count);
        Assert.Equal(sockets[listener].Cookie, sockets[accepted].Cookie);
        Assert.Equal(Loopback.TcpCookie(net), sockets[accepted].Cookie);
        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(net)) with { Opened = 1, Listened = 1, Accepted = 1 }, Assert.Single(sw.Stats()));

        Assert.Equal(0, sw.Close(accepted));
        Assert.Equal(0, sw.Close(listener));
        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(net)) with { Opened = 1, Listened = 1, Accepted = 1, Closed = 2 }, Assert.Single(sw.Stats()));
        Assert.Empty(sw.Sockets());
        Loopback.CloseAll(client);
    }

    [Theory]
    [InlineData(Call.Accept)]
    [InlineData(Call.Accept4)]
    public void BothCallsRunTheAcceptFilter(Call call)
    {
        var sw = new SocketCallsSwitch();
        int listener = TrackedListener(sw, Net.V4, out int port);
        int client = Loopback.Client(Net.V4, port);
        int filtered = 0;
        sw.Set(FilterType.Accept, _ =>
        {
            filtered++;
            return Errno.ECONNABORTED;
        });
        var address = new byte[128];

        Marshal.SetLastPInvokeError(0);
        int accepted = Accept(sw, call, listener, address, out int addressLength);
        var errno = Errno.Last();

        Assert.Equal(-1, accepted);
        Assert.Equal(Errno.ECONNABORTED, errno);
        Assert.Equal(0, addressLength);
        Assert.Equal(1, filtered);
        Assert.True(Readiness.Readable(listener, Readiness.Patience), "the connection should still be pending");
        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(Net.V4)) with { Opened = 1, Listened = 1 }, Assert.Single(sw.Stats()));

        sw.Set(FilterType.Accept, null);
        int later = Loopback.Check(Accept(sw, call, listener, address, out _), "accept"); // the pending connection is intact
        Assert.Equal(0, sw.Close(later));
        Assert.Equal(0, sw.Close(listener));
        Loopback.CloseAll(client);
    }

    [Theory]
    [InlineData(Net.V4, Call.Accept)]
    [InlineData(Net.V6, Call.Accept4)]
    public void AfterFilterFailureClosesTheAcceptedDescriptor(Net net, Call call)
    {
        var sw = new SocketCallsSwitch();
        int listener = TrackedListener(sw, net, out int port);
        int client = Loopback.Client(net, port);
        Assert.True(Readiness.Readable(listener, Readiness.Patience), "no connection to accept");
        Status? seen = null;
        sw.Set(FilterType.Accept, _ => FilterResult.After(st =>
        {
            seen = st;
            return Errno.ECONNABORTED;
        }));
        var address = new byte[128];
        var before = Descriptors.OpenSockets();

        int accepted = Accept(sw, call, listener, address, out int addressLength);
        var errno = Errno.Last();

        Assert.Equal(-1, accepted);
        Assert.Equal(Errno.ECONNABORTED, errno);
        Assert.Equal(0, addressLength);
        Assert.Empty(Descriptors.OpenedSince(before));
        Assert.Equal(new Status(Loopback.TcpCookie(net), Errno.None, Errno.None), seen); // the real accept succeeded
        Assert.False(Readiness.Readable(listener, 0), "the connection was not taken off the queue");
        Assert.Single(sw.Sockets());
        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(net)) with { Opened = 1, Listened = 1 }, Assert.Single(sw.Stats()));

        Assert.Equal(0, sw.Close(listener));
        Loopback.CloseAll(client);
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void NothingPendingOnANonBlockingListenerCountsAcceptFailed(Net net)
    {
        var sw = new SocketCallsSwitch();
        var cookie = Loopback.TcpCookie(net, SOCK_NONBLOCK);
        int listener = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");
        Loopback.BindEphemeral(listener, net);
        Assert.Equal(0, sw.Listen(listener, 8));
        Status? seen = null;
        sw.Set(FilterType.Accept, _ => FilterResult.After(st =>
        {
            seen = st;
            return Errno.None;
        }));

        int accepted = sw.Accept4(listener, new byte[128], out int addressLength, SOCK_CLOEXEC);
        var errno = Errno.Last();

        Assert.Equal(-1, accepted);
        Assert.Equal(Errno.EAGAIN, errno);
        Assert.Equal(0, addressLength);
        Assert.Equal(Errno.EAGAIN, seen!.Value.Err);
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1, Listened = 1, AcceptFailed = 1 }, Assert.Single(sw.Stats()));
        Assert.Equal(0, sw.Close(listener));
    }

    /// <summary>Flags reach the kernel unchanged: -1 is accept4's EINVAL, never a plain accept() (Go answers the same),
    /// through libc, the generated passthrough and the switch alike. The pending connection stays queued.</summary>
    [Fact]
    public void Accept4WithInvalidFlagsIsTheKernelsEinvalNotAPlainAccept()
    {
        var sw = new SocketCallsSwitch();
        int listener = TrackedListener(sw, Net.V4, out int port);
        int client = Loopback.Client(Net.V4, port);
        Assert.True(Readiness.Readable(listener, Readiness.Patience), "no connection to accept");
        var address = new byte[128];

        Marshal.SetLastPInvokeError(0);
        Assert.Equal(-1, Interop.Libc.Accept4(listener, address, out int libcLength, -1));
        Assert.Equal(Errno.EINVAL, Errno.Last());
        Assert.Equal(0, libcLength);
        Marshal.SetLastPInvokeError(0);
        Assert.Equal(-1, ISocketCalls.Native.Accept4(listener, address, out _, -1));
        Assert.Equal(Errno.EINVAL, Errno.Last());
        Marshal.SetLastPInvokeError(0);
        Assert.Equal(-1, sw.Accept4(listener, address, out int switchLength, -1));
        Assert.Equal(Errno.EINVAL, Errno.Last());
        Assert.Equal(0, switchLength);

        Assert.True(Readiness.Readable(listener, Readiness.Patience), "the connection was accepted after all");
        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(Net.V4)) with { Opened = 1, Listened = 1, AcceptFailed = 1 }, Assert.Single(sw.Stats()));
        Loopback.CloseAll(client);
        Assert.Equal(0, sw.Close(listener));
        Assert.Empty(sw.Sockets());
    }

    internal static int TrackedListener(SocketCallsSwitch sw, Net net, out int port)
    {
        int fd = Loopback.Check(sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP), "socket");
        port = Loopback.BindEphemeral(fd, net);
        Loopback.Check(sw.Listen(fd, 8), "listen");
        return fd;
    }

    private static int Accept(SocketCallsSwitch sw, Call call, int listener, byte[] address, out int addressLength)
        => call == Call.Accept
            ? sw.Accept(listener, address, out addressLength)
            : sw.Accept4(listener, address, out addressLength, SOCK_CLOEXEC);
}
