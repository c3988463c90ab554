using System.Runtime.InteropServices;
using Socktest.Interop;
using Socktest.Scenarios;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>Close on a tracked socket: removal on success, Go's quirk on an after-filter error, cancel keeps it open.</summary>
[Collection(QuietDescriptorTable.Name)]
public class CloseTests
{
    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void SuccessRemovesTheEntryAndCountsClosed(Net net)
    {
        var sw = new SocketCallsSwitch();
        var cookie = Loopback.TcpCookie(net);
        var before = Descriptors.OpenSockets();
        int fd = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");

        Assert.Equal(0, sw.Close(fd));

        Assert.Empty(Descriptors.OpenedSince(before));
        Assert.Empty(sw.Sockets());
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1, Closed = 1 }, Assert.Single(sw.Stats()));
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void AfterFilterErrorIsReturnedAndLeavesTheEntryInTheTable(Net net)
    {
        var sw = new SocketCallsSwitch();
        var cookie = Loopback.TcpCookie(net);
        var before = Descriptors.OpenSockets();
        int fd = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");
        Status? seen = null;
        sw.Set(FilterType.Close, _ => FilterResult.After(st =>
        {
            seen = st;
            return Errno.EINTR;
        }));

        int result = sw.Close(fd);
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(Errno.EINTR, errno);
        Assert.Equal(Errno.None, seen!.Value.Err);
        Assert.Empty(Descriptors.OpenedSince(before)); // the descriptor is really closed ...
        Assert.Equal(cookie, Assert.Single(sw.Sockets()).Value.Cookie); // ... and still in the table, as in Go
        Assert.True(sw.Sockets().ContainsKey(fd));
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1 }, Assert.Single(sw.Stats()));
        StatAssert.Consistent(sw);
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void FilterFailureLeavesTheDescriptorOpenAndTracked(Net net)
    {
        var sw = new SocketCallsSwitch();
        var cookie = Loopback.TcpCookie(net);
        int fd = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");
        string socket = Assert.IsType<string>(Descriptors.TargetOf(fd));
        sw.Set(FilterType.Close, _ => Errno.EBADF);

        Marshal.SetLastPInvokeError(0);
        int result = sw.Close(fd);
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(Errno.EBADF, errno);
        Assert.Contains(socket, Descriptors.OpenSockets());
        Assert.Equal(0, Libc.GetsockoptInt(fd, SOL_SOCKET, SO_TYPE, out int type)); // still a live socket
        Assert.Equal(SOCK_STREAM, type);
        Assert.Equal(cookie, sw.Sockets()[fd].Cookie);
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1 }, Assert.Single(sw.Stats()));

        sw.Set(FilterType.Close, null);
        Assert.Equal(0, sw.Close(fd));
        Assert.DoesNotContain(socket, Descriptors.OpenSockets());
        Assert.Empty(sw.Sockets());
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1, Closed = 1 }, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void CloseFilterSeesTheSocketsStatus()
    {
        var sw = new SocketCallsSwitch();
        var cookie = Cookie.Of(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP);
        int fd = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");
        Status? before = null;
        Status? after = null;
        sw.Set(FilterType.Close, st =>
        {
            before = st;
            return FilterResult.After(done =>
            {
                after = done;
                return Errno.None;
            });
        });

        Assert.Equal(0, sw.Close(fd));

        Assert.Equal(new Status(cookie, Errno.None, Errno.None), before);
        Assert.Equal(new Status(cookie, Errno.None, Errno.None), after);
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1, Closed = 1 }, Assert.Single(sw.Stats()));
    }
}
