using System.Runtime.InteropServices;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>
/// The corners of a close in flight, made deterministic with a kernel that reuses numbers at once and runs code
/// inside its close. Go's counts where Go is not racy; the design's rule where it is: a close of a number whose
/// tracked close is still in flight passes straight through, unfiltered and uncounted.
/// </summary>
public class CloseInFlightTests
{
    private static readonly Cookie Tcp4 = Cookie.Of(AF_INET, SOCK_STREAM, IPPROTO_TCP);

    [Fact]
    public void SecondCloseOfANumberWhoseCloseIsInFlightPassesStraightThroughAndTheFirstCloseStillCounts()
    {
        var kernel = new ReusingKernel();
        var sw = new SocketCallsSwitch(kernel);
        int fd = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        int filterCalls = 0;

        // Any close after the first would be cancelled, and (before this rule) took the first close's mark with it.
        sw.Set(FilterType.Close, _ => ++filterCalls == 1 ? Errno.None : Errno.EIO);
        int secondResult = 0;
        Errno secondErrno = default;
        int reused = -1;
        kernel.DuringClose = number =>
        {
            secondResult = sw.Close(number);
            secondErrno = Errno.Last();
            reused = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        };

        Assert.Equal(0, sw.Close(fd));

        Assert.Equal(1, filterCalls);
        Assert.Equal(-1, secondResult);
        Assert.Equal(Errno.EBADF, secondErrno); // the kernel's answer, not the filter's EIO
        Assert.Equal(fd, reused);
        Assert.Equal(StatAssert.Zero(Tcp4) with { Opened = 2, Closed = 1 }, Assert.Single(sw.Stats()));
        Assert.Equal([fd], sw.Sockets().Keys);
    }

    [Fact]
    public void SecondCloseThatTheFilterWouldCancelLeavesTheFirstCloseOwningItsMark()
    {
        var kernel = new ReusingKernel();
        var sw = new SocketCallsSwitch(kernel);
        int fd = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        sw.Set(FilterType.Close, st => FilterResult.After(_ => Errno.None));
        kernel.DuringClose = number =>
        {
            // No reuse this time: the first close finds its own mark and removes the socket.
            sw.Set(FilterType.Close, _ => Errno.EIO);
            Assert.Equal(-1, sw.Close(number));
            Assert.Equal(Errno.EBADF, Errno.Last());
        };

        Assert.Equal(0, sw.Close(fd));

        Assert.Equal(StatAssert.Zero(Tcp4) with { Opened = 1, Closed = 1 }, Assert.Single(sw.Stats()));
        Assert.Empty(sw.Sockets());
    }

    [Fact]
    public void CloseThatFailsAfterItsNumberWasReusedIsCloseFailedOnlyAsInGo()
    {
        var kernel = new ReusingKernel { CloseReports = Errno.EINTR };
        var sw = new SocketCallsSwitch(kernel);
        int fd = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        int reused = -1;
        kernel.DuringClose = _ => reused = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

        Assert.Equal(-1, sw.Close(fd));
        Assert.Equal(Errno.EINTR, Errno.Last());

        Assert.Equal(fd, reused);
        Assert.Equal(StatAssert.Zero(Tcp4) with { Opened = 2, CloseFailed = 1 }, Assert.Single(sw.Stats()));
        Assert.Equal([fd], sw.Sockets().Keys);
    }

    [Fact]
    public void CloseThatFailsWithoutReuseStaysInTheTableAsCloseFailed()
    {
        var kernel = new ReusingKernel { CloseReports = Errno.EINTR };
        var sw = new SocketCallsSwitch(kernel);
        int fd = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

        Assert.Equal(-1, sw.Close(fd));

        Assert.Equal(StatAssert.Zero(Tcp4) with { Opened = 1, CloseFailed = 1 }, Assert.Single(sw.Stats()));
        Assert.Equal([fd], sw.Sockets().Keys);
    }

    [Fact]
    public void CloseWhoseAfterFilterFailsAfterItsNumberWasReusedCountsNothingAsInGo()
    {
        var kernel = new ReusingKernel();
        var sw = new SocketCallsSwitch(kernel);
        int fd = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        sw.Set(FilterType.Close, _ => FilterResult.After(_ => Errno.ECONNRESET));
        int reused = -1;
        kernel.DuringClose = _ => reused = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

        Assert.Equal(-1, sw.Close(fd));
        Assert.Equal(Errno.ECONNRESET, Errno.Last());

        Assert.Equal(fd, reused);
        Assert.Equal(StatAssert.Zero(Tcp4) with { Opened = 2 }, Assert.Single(sw.Stats()));
        Assert.Equal([fd], sw.Sockets().Keys);
    }

    [Fact]
    public void SuccessfulCloseWithReuseIsCountedOnceByWhoeverSeesItFirst()
    {
        var kernel = new ReusingKernel();
        var sw = new SocketCallsSwitch(kernel);
        int fd = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        Stat? duringReuse = null;
        kernel.DuringClose = _ =>
        {
            sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            duringReuse = Assert.Single(sw.Stats());
        };

        Assert.Equal(0, sw.Close(fd));

        // The snapshot between the reuse and the closer's return already agrees with the table.
        Assert.Equal(StatAssert.Zero(Tcp4) with { Opened = 2, Closed = 1 }, duringReuse);
        Assert.Equal(StatAssert.Zero(Tcp4) with { Opened = 2, Closed = 1 }, Assert.Single(sw.Stats()));
        Assert.Single(sw.Sockets());
    }
}
