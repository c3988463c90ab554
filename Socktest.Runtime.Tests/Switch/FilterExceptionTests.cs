using System;
using Socktest.Interop;
using Socktest.Scenarios;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>A filter or after-filter that throws: the exception propagates, nothing leaks, the table stays consistent.</summary>
[Collection(QuietDescriptorTable.Name)]
public class FilterExceptionTests
{
    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void ThrowingSocketFilterOpensNothing(Net net)
    {
        var sw = new SocketCallsSwitch();
        sw.Set(FilterType.Socket, _ => throw new FilterBoom());
        var before = Descriptors.OpenSockets();

        Assert.Throws<FilterBoom>(() => sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP));

        Assert.Empty(Descriptors.OpenedSince(before));
        Assert.Empty(sw.Stats());
        Assert.Empty(sw.Sockets());
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void ThrowingSocketAfterFilterClosesTheNewDescriptor(Net net)
    {
        var sw = new SocketCallsSwitch();
        bool ran = false;
        sw.Set(FilterType.Socket, _ => FilterResult.After(_ =>
        {
            ran = true;
            throw new FilterBoom();
        }));
        var before = Descriptors.OpenSockets();

        Assert.Throws<FilterBoom>(() => sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP));

        Assert.True(ran);
        Assert.Empty(Descriptors.OpenedSince(before));
        Assert.Empty(sw.Stats());
        Assert.Empty(sw.Sockets());
    }

    [Fact]
    public void ThrowingAcceptFilterLeavesTheConnectionPending()
    {
        var sw = new SocketCallsSwitch();
        int listener = AcceptTests.TrackedListener(sw, Net.V4, out int port);
        int client = Loopback.Client(Net.V4, port);
        sw.Set(FilterType.Accept, _ => throw new FilterBoom());

        Assert.Throws<FilterBoom>(() => sw.Accept(listener, new byte[128], out _));
        Assert.Throws<FilterBoom>(() => sw.Accept4(listener, new byte[128], out _, 0));

        Assert.True(Readiness.Readable(listener, Readiness.Patience), "the connection should still be pending");
        Assert.Single(sw.Sockets());
        StatAssert.Consistent(sw);
        sw.Set(FilterType.Accept, null);
        int accepted = Loopback.Check(sw.Accept(listener, new byte[128], out _), "accept");
        Assert.Equal(0, sw.Close(accepted));
        Assert.Equal(0, sw.Close(listener));
        Loopback.CloseAll(client);
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void ThrowingAcceptAfterFilterClosesTheAcceptedDescriptor(Net net)
    {
        var sw = new SocketCallsSwitch();
        int listener = AcceptTests.TrackedListener(sw, net, out int port);
        int client = Loopback.Client(net, port);
        Assert.True(Readiness.Readable(listener, Readiness.Patience), "no connection to accept");
        sw.Set(FilterType.Accept, _ => FilterResult.After(_ => throw new FilterBoom()));
        var before = Descriptors.OpenSockets();

        Assert.Throws<FilterBoom>(() => sw.Accept4(listener, new byte[128], out _, SOCK_CLOEXEC));

        Assert.Empty(Descriptors.OpenedSince(before));
        Assert.False(Readiness.Readable(listener, 0), "the real accept did not happen");
        Assert.Equal(listener, Assert.Single(sw.Sockets()).Key);
        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(net)) with { Opened = 1, Listened = 1 }, Assert.Single(sw.Stats()));
        StatAssert.Consistent(sw);
        Assert.Equal(0, sw.Close(listener));
        Loopback.CloseAll(client);
    }

    [Fact]
    public void ThrowingConnectAndGetsockoptFiltersPropagateAndCountNothing()
    {
        var (listener, port) = Loopback.Listener(Net.V4);
        var sw = new SocketCallsSwitch();
        var cookie = Loopback.TcpCookie(Net.V4);
        int fd = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");
        sw.Set(FilterType.Connect, _ => throw new FilterBoom());
        sw.Set(FilterType.GetsockoptInt, _ => FilterResult.After(_ => throw new FilterBoom()));
        sw.Set(FilterType.Listen, _ => FilterResult.After(_ => throw new FilterBoom()));

        Assert.Throws<FilterBoom>(() => sw.Connect(fd, Loopback.Address(Net.V4, port)));
        Assert.Throws<FilterBoom>(() => sw.GetsockoptInt(fd, SOL_SOCKET, SO_ERROR, out _));
        Assert.Throws<FilterBoom>(() => sw.Listen(fd, 8));

        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1 }, Assert.Single(sw.Stats()));
        StatAssert.Consistent(sw);
        Assert.Equal(0, sw.Close(fd));
        Loopback.CloseAll(listener);
    }

    [Fact]
    public void ThrowingCloseFilterLeavesTheSocketTrackedAndALaterCloseWorks()
    {
        var sw = new SocketCallsSwitch();
        var cookie = Loopback.TcpCookie(Net.V6);
        int fd = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");
        string socket = Assert.IsType<string>(Descriptors.TargetOf(fd));
        sw.Set(FilterType.Close, _ => throw new FilterBoom());

        Assert.Throws<FilterBoom>(() => sw.Close(fd));

        Assert.Contains(socket, Descriptors.OpenSockets());
        Assert.Equal(0, Libc.GetsockoptInt(fd, SOL_SOCKET, SO_TYPE, out _)); // still open
        Assert.Equal(cookie, sw.Sockets()[fd].Cookie);
        StatAssert.Consistent(sw);

        sw.Set(FilterType.Close, null);
        Assert.Equal(0, sw.Close(fd));
        Assert.DoesNotContain(socket, Descriptors.OpenSockets());
        Assert.Empty(sw.Sockets());
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1, Closed = 1 }, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void ThrowingCloseAfterFilterPropagatesAndKeepsTheTableConsistent()
    {
        var sw = new SocketCallsSwitch();
        var cookie = Loopback.TcpCookie(Net.V4);
        var before = Descriptors.OpenSockets();
        int fd = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");
        sw.Set(FilterType.Close, _ => FilterResult.After(_ => throw new FilterBoom()));

        Assert.Throws<FilterBoom>(() => sw.Close(fd));

        Assert.Empty(Descriptors.OpenedSince(before)); // the kernel closed it
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1 }, Assert.Single(sw.Stats()));
        StatAssert.Consistent(sw); // the entry stays, as with an after-filter error
    }

    private sealed class FilterBoom : Exception
    {
        public FilterBoom()
            : base("thrown by a test filter")
        {
        }
    }
}
