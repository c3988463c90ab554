using System.Runtime.InteropServices;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>Connect on a tracked socket: filter, call, after-filter; only the kernel's outcome is counted.</summary>
public class ConnectTests
{
    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void FilterFailureCancelsTheCallAndIsNotCounted(Net net)
    {
        var (listener, port) = Loopback.Listener(net);
        var sw = new SocketCallsSwitch();
        int fd = Loopback.Check(sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP), "socket");
        Status? seen = null;
        sw.Set(FilterType.Connect, st =>
        {
            seen = st;
            return Errno.ECONNREFUSED;
        });

        Marshal.SetLastPInvokeError(0);
        int result = sw.Connect(fd, Loopback.Address(net, port));
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(Errno.ECONNREFUSED, errno);
        Assert.False(Readiness.Readable(listener, 0), "the kernel connected although the filter cancelled the call");
        Assert.Equal(new Status(Loopback.TcpCookie(net), Errno.None, Errno.None), seen);
        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(net)) with { Opened = 1 }, Assert.Single(sw.Stats()));

        Assert.Equal(0, sw.Close(fd));
        Loopback.CloseAll(listener);
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void AfterFilterFailureOverridesASuccessAndIsNotCounted(Net net)
    {
        var (listener, port) = Loopback.Listener(net);
        var sw = new SocketCallsSwitch();
        int fd = Loopback.Check(sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP), "socket");
        Status? seen = null;
        sw.Set(FilterType.Connect, _ => FilterResult.After(st =>
        {
            seen = st;
            return Errno.ETIMEDOUT;
        }));

        int result = sw.Connect(fd, Loopback.Address(net, port));
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(Errno.ETIMEDOUT, errno);
        Assert.Equal(Errno.None, seen!.Value.Err);
        Assert.True(Readiness.Readable(listener, Readiness.Patience), "the real connect did not happen");
        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(net)) with { Opened = 1 }, Assert.Single(sw.Stats()));

        Assert.Equal(0, sw.Close(fd));
        Loopback.CloseAll(listener);
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void RealRefusalCountsConnectFailed(Net net)
    {
        var (refusing, port) = Loopback.RefusingPort(net);
        var sw = new SocketCallsSwitch();
        int fd = Loopback.Check(sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP), "socket");
        Status? seen = null;
        sw.Set(FilterType.Connect, _ => FilterResult.After(st =>
        {
            seen = st;
            return Errno.None; // keeps the call's outcome
        }));

        int result = sw.Connect(fd, Loopback.Address(net, port));
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(Errno.ECONNREFUSED, errno);
        Assert.Equal(new Status(Loopback.TcpCookie(net), Errno.ECONNREFUSED, Errno.None), seen);
        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(net)) with { Opened = 1, ConnectFailed = 1 }, Assert.Single(sw.Stats()));
        if (net == Net.V4)
        {
            Assert.Equal("(inet4, stream, tcp): syscallerr=connection refused socketerr=<nil>", seen!.Value.ToString());
        }

        Assert.Equal(0, sw.Close(fd));
        Loopback.CloseAll(refusing);
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void SuccessCountsConnected(Net net)
    {
        var (listener, port) = Loopback.Listener(net);
        var sw = new SocketCallsSwitch();
        int fd = Loopback.Check(sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP), "socket");

        Assert.Equal(0, sw.Connect(fd, Loopback.Address(net, port)));

        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(net)) with { Opened = 1, Connected = 1 }, Assert.Single(sw.Stats()));
        Assert.Equal(0, sw.Close(fd));
        Loopback.CloseAll(listener);
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void NonBlockingConnectCountsInProgressAsFailedThenSoErrorAsConnected(Net net)
    {
        var (listener, port) = Loopback.Listener(net);
        var sw = new SocketCallsSwitch();
        var cookie = Loopback.TcpCookie(net, SOCK_NONBLOCK);
        int fd = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");

        int result = sw.Connect(fd, Loopback.Address(net, port));
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(Errno.EINPROGRESS, errno);
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1, ConnectFailed = 1 }, Assert.Single(sw.Stats()));

        Assert.True(Readiness.Writable(fd, Readiness.Patience), "the connect did not finish");
        Assert.Equal(0, sw.GetsockoptInt(fd, SOL_SOCKET, SO_ERROR, out int soError));
        Assert.Equal(0, soError);
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1, Connected = 1, ConnectFailed = 1 }, Assert.Single(sw.Stats()));

        Assert.Equal(0, sw.Close(fd));
        Loopback.CloseAll(listener);
    }
}
