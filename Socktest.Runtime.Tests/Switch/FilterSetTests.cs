using System;
using System.Runtime.InteropServices;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>Deploying, replacing and clearing filters, and what a FilterResult means.</summary>
public class FilterSetTests
{
    [Fact]
    public void SettingNullClearsTheFilter()
    {
        var sw = new SocketCallsSwitch();
        sw.Set(FilterType.Socket, _ => Errno.EMFILE);
        Marshal.SetLastPInvokeError(0);
        Assert.Equal(-1, sw.Socket(AF_INET, SOCK_STREAM, 0));
        Assert.Equal(Errno.EMFILE, Errno.Last());

        sw.Set(FilterType.Socket, null);
        int fd = sw.Socket(AF_INET, SOCK_STREAM, 0);

        Assert.True(fd >= 0, $"socket failed: {Errno.Last()}");
        Assert.Equal(0, sw.Close(fd));
        Assert.Equal(StatAssert.Zero(Cookie.Of(AF_INET, SOCK_STREAM, 0)) with { Opened = 1, Closed = 1 }, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void SettingAgainReplacesTheFilter()
    {
        var sw = new SocketCallsSwitch();
        sw.Set(FilterType.Socket, _ => Errno.EMFILE);
        sw.Set(FilterType.Socket, _ => Errno.ENFILE);

        Assert.Equal(-1, sw.Socket(AF_INET, SOCK_STREAM, 0));
        Assert.Equal(Errno.ENFILE, Errno.Last());
    }

    [Fact]
    public void FiltersApplyOnlyToTheirOwnType()
    {
        var sw = new SocketCallsSwitch();
        sw.Set(FilterType.Connect, _ => throw new InvalidOperationException("the connect filter ran"));
        sw.Set(FilterType.Accept, _ => Errno.ECONNABORTED);

        int fd = Loopback.Check(sw.Socket(AF_INET, SOCK_STREAM, 0), "socket");
        Loopback.BindEphemeral(fd, Net.V4);
        Assert.Equal(0, sw.Listen(fd, 8));
        Assert.Equal(0, sw.GetsockoptInt(fd, SOL_SOCKET, SO_TYPE, out _));
        Assert.Equal(0, sw.Close(fd));
    }

    [Fact]
    public void FailWithNoErrnoIsAnArgumentException()
        => Assert.Throws<ArgumentException>(() => FilterResult.Fail(Errno.None));

    [Fact]
    public void FilterResultReadsBack()
    {
        AfterFilter after = _ => Errno.None;
        FilterResult fromErrno = Errno.ECONNREFUSED;
        FilterResult fromNone = Errno.None;

        Assert.Equal(Errno.ECONNREFUSED, fromErrno.Error);
        Assert.True(fromErrno.IsFailure);
        Assert.Null(fromErrno.Then);
        Assert.Equal(Errno.EMFILE, FilterResult.Fail(Errno.EMFILE).Error);
        Assert.False(fromNone.IsFailure);
        Assert.Equal(default, fromNone);
        Assert.Equal(FilterResult.Proceed, fromNone);
        Assert.Same(after, FilterResult.After(after).Then);
        Assert.Equal(Errno.None, FilterResult.After(after).Error);
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void ImplicitErrnoCancelsAndNoneProceeds(Net net)
    {
        var (listener, port) = Loopback.Listener(net);
        var sw = new SocketCallsSwitch();
        var cookie = Loopback.TcpCookie(net);
        int fd = Loopback.Check(sw.Socket(cookie.Family, cookie.Type, cookie.Protocol), "socket");

        sw.Set(FilterType.Connect, _ => Errno.ECONNREFUSED);
        Marshal.SetLastPInvokeError(0);
        Assert.Equal(-1, sw.Connect(fd, Loopback.Address(net, port)));
        Assert.Equal(Errno.ECONNREFUSED, Errno.Last());
        Assert.False(Readiness.Readable(listener, 0), "the cancelled connect reached the kernel");

        sw.Set(FilterType.Connect, _ => Errno.None);
        Assert.Equal(0, sw.Connect(fd, Loopback.Address(net, port)));

        Assert.Equal(StatAssert.Zero(cookie) with { Opened = 1, Connected = 1 }, Assert.Single(sw.Stats()));
        Assert.Equal(0, sw.Close(fd));
        Loopback.CloseAll(listener);
    }
}
