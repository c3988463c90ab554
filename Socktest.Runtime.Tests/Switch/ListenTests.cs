using System.Runtime.InteropServices;
using Socktest.Interop;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>Listen on a tracked socket: filter, call, after-filter; only the kernel's outcome is counted.</summary>
public class ListenTests
{
    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void SuccessCountsListened(Net net)
    {
        var sw = new SocketCallsSwitch();
        int fd = Loopback.Check(sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP), "socket");
        int port = Loopback.BindEphemeral(fd, net);

        Assert.Equal(0, sw.Listen(fd, 8));

        int client = Loopback.Client(net, port); // the kernel really listens
        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(net)) with { Opened = 1, Listened = 1 }, Assert.Single(sw.Stats()));
        Loopback.CloseAll(client);
        Assert.Equal(0, sw.Close(fd));
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void FilterFailureCancelsTheCallAndIsNotCounted(Net net)
    {
        var sw = new SocketCallsSwitch();
        int fd = Loopback.Check(sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP), "socket");
        int port = Loopback.BindEphemeral(fd, net);
        sw.Set(FilterType.Listen, _ => FilterResult.Fail(Errno.EADDRINUSE));

        Marshal.SetLastPInvokeError(0);
        int result = sw.Listen(fd, 8);
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(Errno.EADDRINUSE, errno);
        int client = Loopback.TcpSocket(net);
        Assert.Equal(-1, Libc.Connect(client, Loopback.Address(net, port)));
        Assert.Equal(Errno.ECONNREFUSED, Errno.Last()); // nobody listens
        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(net)) with { Opened = 1 }, Assert.Single(sw.Stats()));
        Loopback.CloseAll(client);
        Assert.Equal(0, sw.Close(fd));
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void AfterFilterFailureOverridesASuccessAndIsNotCounted(Net net)
    {
        var sw = new SocketCallsSwitch();
        int fd = Loopback.Check(sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP), "socket");
        int port = Loopback.BindEphemeral(fd, net);
        Status? seen = null;
        sw.Set(FilterType.Listen, _ => FilterResult.After(st =>
        {
            seen = st;
            return Errno.EACCES;
        }));

        int result = sw.Listen(fd, 8);
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(Errno.EACCES, errno);
        Assert.Equal(new Status(Loopback.TcpCookie(net), Errno.None, Errno.None), seen);
        int client = Loopback.Client(net, port); // the real listen happened
        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(net)) with { Opened = 1 }, Assert.Single(sw.Stats()));
        Loopback.CloseAll(client);
        Assert.Equal(0, sw.Close(fd));
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void KernelFailureCountsListenFailed(Net net)
    {
        // UDP sockets cannot listen: the kernel says EOPNOTSUPP.
        var sw = new SocketCallsSwitch();
        var cookie = Cookie.Of(Loopback.Family(net), SOCK_DGRAM, IPPROTO_UDP);
        int fd = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");

        int result = sw.Listen(fd, 8);
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(Errno.EOPNOTSUPP, errno);
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1, ListenFailed = 1 }, Assert.Single(sw.Stats()));
        Assert.Equal(0, sw.Close(fd));
    }
}
