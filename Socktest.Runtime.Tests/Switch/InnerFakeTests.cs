using System;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>A switch over a fake kernel: it calls through the inner implementation, counts its failures, and
/// closes what it must close through it.</summary>
public class InnerFakeTests
{
    private static readonly Cookie Tcp4 = Cookie.Of(AF_INET, SOCK_STREAM, IPPROTO_TCP);

    [Fact]
    public void CallsGoThroughTheInner()
    {
        var kernel = new FakeKernel();
        var sw = new SocketCallsSwitch(kernel);

        int fd = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

        Assert.Equal(new[] { fd }, kernel.Open);
        Assert.Equal(Tcp4, sw.Sockets()[fd].Cookie);
        Assert.Equal(0, sw.Connect(fd, new byte[16]));
        Assert.Equal(0, sw.Close(fd));
        Assert.Equal(new[] { fd }, kernel.CloseCalls);
        Assert.Empty(kernel.Open);
        Assert.Equal(StatAssert.Zero(Tcp4) with { Opened = 1, Connected = 1, Closed = 1 }, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void SocketAfterFilterFailureClosesThroughTheInner()
    {
        var kernel = new FakeKernel();
        var sw = new SocketCallsSwitch(kernel);
        sw.Set(FilterType.Socket, _ => FilterResult.After(_ => Errno.EMFILE));

        int fd = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        var errno = Errno.Last();

        Assert.Equal(-1, fd);
        Assert.Equal(Errno.EMFILE, errno);
        Assert.Equal(new[] { 1000 }, kernel.CloseCalls); // the descriptor the fake handed out
        Assert.Empty(kernel.Open);
        Assert.Empty(sw.Stats());
        Assert.Empty(sw.Sockets());
    }

    [Fact]
    public void SocketAfterFilterExceptionClosesThroughTheInner()
    {
        var kernel = new FakeKernel();
        var sw = new SocketCallsSwitch(kernel);
        sw.Set(FilterType.Socket, _ => FilterResult.After(_ => throw new InvalidOperationException("boom")));

        Assert.Throws<InvalidOperationException>(() => sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP));

        Assert.Equal(new[] { 1000 }, kernel.CloseCalls);
        Assert.Empty(kernel.Open);
        Assert.Empty(sw.Sockets());
    }

    [Fact]
    public void AcceptAfterFilterFailureClosesTheAcceptedDescriptorThroughTheInner()
    {
        var kernel = new FakeKernel();
        var sw = new SocketCallsSwitch(kernel);
        int listener = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        Assert.Equal(0, sw.Listen(listener, 8));
        sw.Set(FilterType.Accept, _ => FilterResult.After(_ => Errno.ECONNABORTED));

        int accepted = sw.Accept(listener, new byte[128], out int addressLength);
        var errno = Errno.Last();

        Assert.Equal(-1, accepted);
        Assert.Equal(Errno.ECONNABORTED, errno);
        Assert.Equal(0, addressLength); // the fake reported 16
        Assert.Equal(new[] { listener + 1 }, kernel.CloseCalls);
        Assert.Equal(new[] { listener }, kernel.Open);
        Assert.Equal(listener, Assert.Single(sw.Sockets()).Key);
        Assert.Equal(StatAssert.Zero(Tcp4) with { Opened = 1, Listened = 1 }, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void KernelCloseFailureCountsCloseFailedAndKeepsTheEntry()
    {
        var kernel = new FakeKernel();
        var sw = new SocketCallsSwitch(kernel);
        int fd = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        kernel.CloseError = Errno.EIO;

        int result = sw.Close(fd);
        var errno = Errno.Last();

        Assert.Equal(-1, result);
        Assert.Equal(Errno.EIO, errno);
        Assert.Equal(Tcp4, sw.Sockets()[fd].Cookie);
        Assert.Equal(StatAssert.Zero(Tcp4) with { Opened = 1, CloseFailed = 1 }, Assert.Single(sw.Stats()));

        kernel.CloseError = Errno.None;
        Assert.Equal(0, sw.Close(fd));
        Assert.Empty(sw.Sockets());
        Assert.Equal(StatAssert.Zero(Tcp4) with { Opened = 1, Closed = 1, CloseFailed = 1 }, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void KernelFailuresAreCountedWithTheInnersErrno()
    {
        var kernel = new FakeKernel();
        var sw = new SocketCallsSwitch(kernel);
        int fd = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        kernel.SocketError = Errno.ENFILE;
        kernel.ConnectError = Errno.ETIMEDOUT;
        kernel.ListenError = Errno.EADDRINUSE;
        kernel.AcceptError = Errno.ECONNABORTED;

        Assert.Equal(-1, sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP));
        Assert.Equal(Errno.ENFILE, Errno.Last());
        Assert.Equal(-1, sw.Connect(fd, new byte[16]));
        Assert.Equal(Errno.ETIMEDOUT, Errno.Last());
        Assert.Equal(-1, sw.Listen(fd, 8));
        Assert.Equal(Errno.EADDRINUSE, Errno.Last());
        Assert.Equal(-1, sw.Accept4(fd, new byte[128], out _, 0));
        Assert.Equal(Errno.ECONNABORTED, Errno.Last());

        var expected = StatAssert.Zero(Tcp4) with { Opened = 1, OpenFailed = 1, ConnectFailed = 1, ListenFailed = 1, AcceptFailed = 1 };
        Assert.Equal(expected, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void SoErrorReadingEisconnCountsConnected()
    {
        var kernel = new FakeKernel { SockoptValue = Errno.EISCONN.Value };
        var sw = new SocketCallsSwitch(kernel);
        int fd = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        Status? seen = null;
        sw.Set(FilterType.GetsockoptInt, _ => FilterResult.After(st =>
        {
            seen = st;
            return Errno.None;
        }));

        Assert.Equal(0, sw.GetsockoptInt(fd, SOL_SOCKET, SO_ERROR, out int value));

        Assert.Equal(Errno.EISCONN.Value, value);
        Assert.Equal(new Status(Tcp4, Errno.None, Errno.EISCONN), seen);
        Assert.Equal("(inet4, stream, tcp): syscallerr=<nil> socketerr=transport endpoint is already connected", seen!.Value.ToString());
        Assert.Equal(StatAssert.Zero(Tcp4) with { Opened = 1, Connected = 1 }, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void SoErrorReadingAnotherErrorDoesNotCount()
    {
        var kernel = new FakeKernel { SockoptValue = Errno.ECONNRESET.Value };
        var sw = new SocketCallsSwitch(kernel);
        int fd = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

        Assert.Equal(0, sw.GetsockoptInt(fd, SOL_SOCKET, SO_ERROR, out int value));

        Assert.Equal(Errno.ECONNRESET.Value, value);
        Assert.Equal(StatAssert.Zero(Tcp4) with { Opened = 1 }, Assert.Single(sw.Stats()));
    }
}
