using System.Runtime.InteropServices;
using Socktest.Scenarios;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>Socket: the filter always runs; cancel, after-filter failure, kernel failure, success.</summary>
[Collection(QuietDescriptorTable.Name)]
public class SocketTests
{
    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void FilterFailureCancelsTheCallBeforeTheKernel(Net net)
    {
        var sw = new SocketCallsSwitch();
        Status? seen = null;
        sw.Set(FilterType.Socket, st =>
        {
            seen = st;
            return FilterResult.Fail(Errno.EMFILE);
        });
        var before = Descriptors.OpenSockets();

        Marshal.SetLastPInvokeError(0);
        int fd = sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP);
        var errno = Errno.Last();

        Assert.Equal(-1, fd);
        Assert.Equal(Errno.EMFILE, errno);
        Assert.Empty(Descriptors.OpenedSince(before));
        Assert.Equal(new Status(Loopback.TcpCookie(net), Errno.None, Errno.None), seen);
        Assert.Empty(sw.Stats());
        Assert.Empty(sw.Sockets());
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void AfterFilterFailureClosesTheNewDescriptor(Net net)
    {
        var sw = new SocketCallsSwitch();
        Status? seen = null;
        sw.Set(FilterType.Socket, _ => FilterResult.After(st =>
        {
            seen = st;
            return Errno.ENFILE;
        }));
        var before = Descriptors.OpenSockets();

        int fd = sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP);
        var errno = Errno.Last();

        Assert.Equal(-1, fd);
        Assert.Equal(Errno.ENFILE, errno);
        Assert.Empty(Descriptors.OpenedSince(before));
        Assert.Equal(new Status(Loopback.TcpCookie(net), Errno.None, Errno.None), seen); // the kernel call succeeded
        Assert.Empty(sw.Stats());
        Assert.Empty(sw.Sockets());
    }

    [Fact]
    public void KernelFailureCountsOpenFailed()
    {
        const int bogusFamily = 12345;
        var sw = new SocketCallsSwitch();
        Status? seen = null;
        sw.Set(FilterType.Socket, _ => FilterResult.After(st =>
        {
            seen = st;
            return Errno.None;
        }));
        var before = Descriptors.OpenSockets();

        int fd = sw.Socket(bogusFamily, SOCK_STREAM, 0);
        var errno = Errno.Last();

        Assert.Equal(-1, fd);
        Assert.Equal(Errno.EAFNOSUPPORT, errno);
        Assert.Empty(Descriptors.OpenedSince(before));
        var cookie = Cookie.Of(bogusFamily, SOCK_STREAM, 0);
        Assert.Equal(new Status(cookie, Errno.EAFNOSUPPORT, Errno.None), seen);
        Assert.Equal(StatAssert.Zero(cookie) with { OpenFailed = 1 }, Assert.Single(sw.Stats()));
        Assert.Empty(sw.Sockets());
        Assert.Equal("(12345, stream, default): syscallerr=address family not supported by protocol socketerr=<nil>", seen!.Value.ToString());
    }

    [Theory]
    [InlineData(Net.V4, 2, 17)] // SOCK_DGRAM, IPPROTO_UDP
    [InlineData(Net.V4, 1, 6)] // SOCK_STREAM, IPPROTO_TCP
    [InlineData(Net.V6, 1, 0)]
    [InlineData(Net.V6, 2, 0)]
    public void SuccessIsTrackedWithItsCookieAndCounted(Net net, int type, int protocol)
    {
        var sw = new SocketCallsSwitch();
        var before = Descriptors.OpenSockets();

        int fd = sw.Socket(Loopback.Family(net), type, protocol);

        Assert.True(fd >= 0, $"socket failed: {Errno.Last()}");
        Assert.Single(Descriptors.NewSince(before));
        var cookie = Cookie.Of(Loopback.Family(net), type, protocol);
        var (trackedFd, status) = Assert.Single(sw.Sockets());
        Assert.Equal(fd, trackedFd);
        Assert.Equal(new Status(cookie, Errno.None, Errno.None), status);
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1 }, Assert.Single(sw.Stats()));

        Assert.Equal(0, sw.Close(fd));
        Assert.Empty(Descriptors.OpenedSince(before));
    }

    [Fact]
    public void StatusTextIsGos()
    {
        var sw = new SocketCallsSwitch();
        int fd = Loopback.Check(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), "socket");

        Assert.Equal("(inet4, stream, tcp): syscallerr=<nil> socketerr=<nil>", sw.Sockets()[fd].ToString());

        Assert.Equal(0, sw.Close(fd));
    }

    [Fact]
    public void StatTextIsGos()
    {
        var sw = new SocketCallsSwitch();
        int udp = Loopback.Check(sw.Socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP), "socket");
        int flagged = Loopback.Check(sw.Socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), "socket");
        Assert.Equal(0, sw.Close(udp));

        var stats = sw.Stats();

        Assert.Equal(
            [
                "(inet4, stream|0x80800, default): opened=1 connected=0 listened=0 accepted=0 closed=0 openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0",
                "(inet6, datagram, udp): opened=1 connected=0 listened=0 accepted=0 closed=1 openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0",
            ],
            [stats[0].ToString(), stats[1].ToString()]);
        Assert.Equal(2, stats.Count);
        Assert.Equal(0, sw.Close(flagged));
    }
}
