using Socktest.Scenarios;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>A switch wrapping another switch over real sockets: each keeps its own books, and the outer one closes
/// through the inner one.</summary>
[Collection(QuietDescriptorTable.Name)]
public class NestedSwitchTests
{
    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void BothSwitchesCountTheSameSocket(Net net)
    {
        var inner = new SocketCallsSwitch();
        var outer = new SocketCallsSwitch(inner);
        var cookie = Loopback.TcpCookie(net);

        int fd = Loopback.Check(outer.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");

        Assert.Equal(cookie, inner.Sockets()[fd].Cookie);
        Assert.Equal(cookie, outer.Sockets()[fd].Cookie);
        Assert.Equal(0, outer.Close(fd));
        var expected = StatAssert.Zero(cookie) with { Opened = 1, Closed = 1 };
        Assert.Equal(expected, Assert.Single(inner.Stats()));
        Assert.Equal(expected, Assert.Single(outer.Stats()));
        Assert.Empty(inner.Sockets());
        Assert.Empty(outer.Sockets());
    }

    [Fact]
    public void OuterAfterFilterFailureClosesThroughTheInnerSwitch()
    {
        var inner = new SocketCallsSwitch();
        var outer = new SocketCallsSwitch(inner);
        var cookie = Loopback.TcpCookie(Net.V4);
        outer.Set(FilterType.Socket, _ => FilterResult.After(_ => Errno.EACCES));
        var before = Descriptors.OpenSockets();

        int fd = outer.Socket(cookie.Family, cookie.Type, cookie.Protocol);
        var errno = Errno.Last();

        Assert.Equal(-1, fd);
        Assert.Equal(Errno.EACCES, errno);
        Assert.Empty(Descriptors.OpenedSince(before));
        Assert.Empty(outer.Stats());
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1, Closed = 1 }, Assert.Single(inner.Stats()));
        Assert.Empty(inner.Sockets());
    }

    [Fact]
    public void OuterAcceptAfterFilterFailureClosesThroughTheInnerSwitch()
    {
        var inner = new SocketCallsSwitch();
        var outer = new SocketCallsSwitch(inner);
        int listener = AcceptTests.TrackedListener(outer, Net.V6, out int port);
        int client = Loopback.Client(Net.V6, port);
        outer.Set(FilterType.Accept, _ => FilterResult.After(_ => Errno.ECONNABORTED));

        Assert.Equal(-1, outer.Accept(listener, new byte[128], out _));

        Assert.Equal(Errno.ECONNABORTED, Errno.Last());
        var cookie = Loopback.TcpCookie(Net.V6);
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1, Listened = 1, Accepted = 1, Closed = 1 }, Assert.Single(inner.Stats()));
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1, Listened = 1 }, Assert.Single(outer.Stats()));
        Assert.Equal(listener, Assert.Single(inner.Sockets()).Key);
        Assert.Equal(0, outer.Close(listener));
        Loopback.CloseAll(client);
    }

    [Fact]
    public void InnerFilterFailureIsAKernelFailureToTheOuter()
    {
        var inner = new SocketCallsSwitch();
        var outer = new SocketCallsSwitch(inner);
        var cookie = Loopback.TcpCookie(Net.V4);
        inner.Set(FilterType.Socket, _ => Errno.EMFILE);

        Assert.Equal(-1, outer.Socket(cookie.Family, cookie.Type, cookie.Protocol));

        Assert.Equal(Errno.EMFILE, Errno.Last());
        Assert.Empty(inner.Stats());
        Assert.Equal(StatAssert.Zero(cookie) with { OpenFailed = 1 }, Assert.Single(outer.Stats()));
    }

    [Fact]
    public void OuterFilterFailureNeverReachesTheInner()
    {
        var inner = new SocketCallsSwitch();
        var outer = new SocketCallsSwitch(inner);
        bool innerRan = false;
        inner.Set(FilterType.Socket, _ =>
        {
            innerRan = true;
            return default;
        });
        outer.Set(FilterType.Socket, _ => Errno.ENFILE);

        Assert.Equal(-1, outer.Socket(AF_INET, SOCK_STREAM, 0));

        Assert.Equal(Errno.ENFILE, Errno.Last());
        Assert.False(innerRan);
        Assert.Empty(inner.Stats());
        Assert.Empty(outer.Stats());
    }
}
