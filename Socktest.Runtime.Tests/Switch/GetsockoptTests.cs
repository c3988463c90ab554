using System.Runtime.InteropServices;
using Socktest.Interop;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>GetsockoptInt: the value read becomes SocketErr; SO_ERROR reading 0 or EISCONN counts as connected.</summary>
public class GetsockoptTests
{
    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void ValueReadBecomesSocketErrSeenByTheAfterFilter(Net net)
    {
        // A non-blocking connect to a port that refuses: SO_ERROR then reads ECONNREFUSED.
        var (refusing, port) = Loopback.RefusingPort(net);
        var sw = new SocketCallsSwitch();
        var cookie = Loopback.TcpCookie(net, SOCK_NONBLOCK);
        int fd = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");
        Assert.Equal(-1, sw.Connect(fd, Loopback.Address(net, port)));
        Assert.True(Readiness.Writable(fd, Readiness.Patience), "the connect did not finish");
        Status? seen = null;
        sw.Set(FilterType.GetsockoptInt, _ => FilterResult.After(st =>
        {
            seen = st;
            return Errno.None;
        }));

        Assert.Equal(0, sw.GetsockoptInt(fd, SOL_SOCKET, SO_ERROR, out int value));

        Assert.Equal(Errno.ECONNREFUSED.Value, value);
        Assert.Equal(new Status(cookie, Errno.None, Errno.ECONNREFUSED), seen);
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1, ConnectFailed = 1 }, Assert.Single(sw.Stats()));
        Assert.Equal(0, sw.Close(fd));
        Loopback.CloseAll(refusing);
    }

    [Fact]
    public void SoErrorReadingZeroCountsConnected()
    {
        var sw = new SocketCallsSwitch();
        var cookie = Loopback.TcpCookie(Net.V4);
        int fd = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");

        Assert.Equal(0, sw.GetsockoptInt(fd, SOL_SOCKET, SO_ERROR, out int value));

        Assert.Equal(0, value);
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1, Connected = 1 }, Assert.Single(sw.Stats()));
        Assert.Equal(0, sw.Close(fd));
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void OtherOptionsAreNotCounted(Net net)
    {
        var sw = new SocketCallsSwitch();
        var cookie = Loopback.TcpCookie(net);
        int fd = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");
        Status? seen = null;
        sw.Set(FilterType.GetsockoptInt, _ => FilterResult.After(st =>
        {
            seen = st;
            return Errno.None;
        }));

        Assert.Equal(0, sw.GetsockoptInt(fd, SOL_SOCKET, SO_TYPE, out int value));

        Assert.Equal(SOCK_STREAM, value);
        Assert.Equal(new Errno(SOCK_STREAM), seen!.Value.SocketErr); // whatever was read, as in Go
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1 }, Assert.Single(sw.Stats()));
        Assert.Equal(0, sw.Close(fd));
    }

    [Fact]
    public void CallErrorIsReturnedAndNotCounted()
    {
        // SO_ERROR's number on a level TCP does not know fails (ENOPROTOOPT or EOPNOTSUPP, by kernel version) with
        // value 0 - which must not count as connected. The kernel's own answer on an untracked socket is the reference.
        const int bogusLevel = 12345;
        var kernelErrno = Loopback.FailureOf(Net.V4, SOCK_STREAM, fd => Libc.GetsockoptInt(fd, bogusLevel, SO_ERROR, out _));
        var sw = new SocketCallsSwitch();
        var cookie = Loopback.TcpCookie(Net.V4);
        int fd = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");
        Status? seen = null;
        sw.Set(FilterType.GetsockoptInt, _ => FilterResult.After(st =>
        {
            seen = st;
            return Errno.None;
        }));

        int result = sw.GetsockoptInt(fd, bogusLevel, SO_ERROR, out int value);
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(kernelErrno, errno);
        Assert.Equal(0, value);
        Assert.Equal(new Status(cookie, kernelErrno, Errno.None), seen);
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1 }, Assert.Single(sw.Stats()));
        Assert.Equal(0, sw.Close(fd));
    }

    [Fact]
    public void FilterFailureCancelsWithValueZeroAndIsNotCounted()
    {
        var sw = new SocketCallsSwitch();
        var cookie = Loopback.TcpCookie(Net.V6);
        int fd = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");
        sw.Set(FilterType.GetsockoptInt, _ => Errno.EINTR);

        Marshal.SetLastPInvokeError(0);
        int result = sw.GetsockoptInt(fd, SOL_SOCKET, SO_TYPE, out int value);
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(Errno.EINTR, errno);
        Assert.Equal(0, value);
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1 }, Assert.Single(sw.Stats()));
        Assert.Equal(0, sw.Close(fd));
    }

    [Fact]
    public void AfterFilterFailureOnSoErrorZeroIsNotCounted()
    {
        var sw = new SocketCallsSwitch();
        var cookie = Loopback.TcpCookie(Net.V4);
        int fd = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");
        sw.Set(FilterType.GetsockoptInt, _ => FilterResult.After(_ => Errno.ECONNRESET));

        int result = sw.GetsockoptInt(fd, SOL_SOCKET, SO_TYPE, out int value);
        var errno = Errno.Last();
        int soErrorResult = sw.GetsockoptInt(fd, SOL_SOCKET, SO_ERROR, out int soError);

        Assert.Equal(-1, result);
        Assert.Equal(Errno.ECONNRESET, errno);
        Assert.Equal(0, value);
        Assert.Equal(-1, soErrorResult);
        Assert.Equal(0, soError);
        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1 }, Assert.Single(sw.Stats()));
        Assert.Equal(0, sw.Close(fd));
    }
}
