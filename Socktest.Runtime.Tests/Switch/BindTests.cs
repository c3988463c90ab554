using System;
using System.Linq;
using System.Runtime.InteropServices;
using Socktest.Interop;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>Bind on a tracked socket (beyond Go, with Go's rules): filter, call, after-filter; the kernel's outcome is
/// counted as Bound or BindFailed, an injected error nowhere.</summary>
public class BindTests
{
    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void SuccessCountsBound(Net net)
    {
        var sw = new SocketCallsSwitch();
        int fd = Loopback.Check(sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP), "socket");

        Assert.Equal(0, sw.Bind(fd, Loopback.Address(net, 0)));

        Assert.NotEqual(0, Loopback.LocalPort(fd)); // the kernel really bound it
        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(net)) with { Opened = 1, Bound = 1 }, Assert.Single(sw.Stats()));
        Assert.Equal(0, sw.Close(fd));
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void KernelAddressInUseCountsBindFailed(Net net)
    {
        var (listener, port) = Loopback.Listener(net);
        var sw = new SocketCallsSwitch();
        int fd = Loopback.Check(sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP), "socket");
        Status? seen = null;
        sw.Set(FilterType.Bind, _ => FilterResult.After(st =>
        {
            seen = st;
            return Errno.None;
        }));

        Marshal.SetLastPInvokeError(0);
        int result = sw.Bind(fd, Loopback.Address(net, port));
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(Errno.EADDRINUSE, errno);
        Assert.Equal(new Status(Loopback.TcpCookie(net), Errno.EADDRINUSE, Errno.None), seen);
        Assert.Equal(fd, seen!.Value.Descriptor);
        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(net)) with { Opened = 1, BindFailed = 1 }, Assert.Single(sw.Stats()));
        Assert.Equal(0, sw.Close(fd));
        Loopback.CloseAll(listener);
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void InjectedErrorCancelsTheCallAndIsNotCounted(Net net)
    {
        var sw = new SocketCallsSwitch();
        int fd = Loopback.Check(sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP), "socket");
        sw.Set(FilterType.Bind, _ => Errno.EADDRINUSE);

        int result = sw.Bind(fd, Loopback.Address(net, 0));
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(Errno.EADDRINUSE, errno);
        Assert.Equal(0, Loopback.LocalPort(fd)); // the kernel never saw the bind
        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(net)) with { Opened = 1 }, Assert.Single(sw.Stats()));
        Assert.Equal(0, sw.Close(fd));
    }

    [Fact]
    public void AfterFilterErrorOverridesASuccessAndIsNotCounted()
    {
        var sw = new SocketCallsSwitch();
        int fd = Loopback.Check(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), "socket");
        sw.Set(FilterType.Bind, _ => FilterResult.After(_ => Errno.EACCES));

        int result = sw.Bind(fd, Loopback.Address(Net.V4, 0));
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(Errno.EACCES, errno);
        Assert.NotEqual(0, Loopback.LocalPort(fd)); // the real bind happened
        Assert.Equal(StatAssert.Zero(Loopback.TcpCookie(Net.V4)) with { Opened = 1 }, Assert.Single(sw.Stats()));
        Assert.Equal(0, sw.Close(fd));
    }

    [Fact]
    public void UntrackedDescriptorPassesStraightThrough()
    {
        var sw = new SocketCallsSwitch();
        bool ran = false;
        sw.Set(FilterType.Bind, _ =>
        {
            ran = true;
            return Errno.EACCES;
        });
        int fd = Loopback.TcpSocket(Net.V4);

        Assert.Equal(0, sw.Bind(fd, Loopback.Address(Net.V4, 0)));

        Assert.False(ran);
        Assert.Empty(sw.Stats());
        Loopback.CloseAll(fd);
    }

    [Fact]
    public void TheFilterTypesBeyondGoComeAfterGosSixWhoseValuesDoNotChange()
    {
        Assert.Equal(
            [(FilterType.Socket, 0), (FilterType.Connect, 1), (FilterType.Listen, 2), (FilterType.Accept, 3), (FilterType.GetsockoptInt, 4),
             (FilterType.Close, 5), (FilterType.Bind, 6), (FilterType.Send, 7), (FilterType.Recv, 8), (FilterType.Shutdown, 9)],
            Enum.GetValues<FilterType>().Select(t => (t, (int)t)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SocketCallsSwitch().Set((FilterType)Enum.GetValues<FilterType>().Length, _ => default));
    }

    [Fact]
    public void TheCountersNeverChangeGosText()
    {
        var stat = StatAssert.Zero(Loopback.TcpCookie(Net.V4)) with
        {
            Opened = 1, Bound = 2, BindFailed = 3, BytesSent = 4, BytesReceived = 5, SendFailed = 6, RecvFailed = 7,
        };

        Assert.Equal(
            "(inet4, stream, tcp): opened=1 connected=0 listened=0 accepted=0 closed=0 openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0",
            stat.ToString());
    }
}
