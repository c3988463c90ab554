using System.Collections.Generic;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>Calls made from inside a filter or after-filter, on the same thread, go through the switch and are
/// counted, but run no filter: a filter that opens or closes sockets cannot recurse.</summary>
public class ReentrancyTests
{
    private static readonly Cookie Tcp4 = Cookie.Of(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    private static readonly Cookie Udp4 = Cookie.Of(AF_INET, SOCK_DGRAM, IPPROTO_UDP);

    [Fact]
    public void SocketFilterThatOpensASocketRunsOnceAndBothSocketsAreCounted()
    {
        var kernel = new FakeKernel();
        var sw = new SocketCallsSwitch(kernel);
        int filterCalls = 0;
        int opened = -1;
        sw.Set(FilterType.Socket, st =>
        {
            filterCalls++;
            opened = sw.Socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
            return Errno.None;
        });

        int fd = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

        Assert.True(fd >= 0 && opened >= 0);
        Assert.Equal(1, filterCalls);
        Assert.Equal(
            [StatAssert.Zero(Tcp4) with { Opened = 1 }, StatAssert.Zero(Udp4) with { Opened = 1 }],
            sw.Stats());
        Assert.Equal(2, sw.Sockets().Count);
    }

    [Fact]
    public void CloseFilterThatClosesAnotherSocketRunsOnceAndBothClosesAreCounted()
    {
        var kernel = new FakeKernel();
        var sw = new SocketCallsSwitch(kernel);
        var fds = new Queue<int>([sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)]);
        int filterCalls = 0;
        int afterCalls = 0;
        int first = fds.Dequeue();
        sw.Set(FilterType.Close, _ =>
        {
            filterCalls++;
            return FilterResult.After(_ =>
            {
                // Closing the other socket from the after-filter: counted, no filter, no second after-filter.
                afterCalls++;
                Assert.Equal(0, sw.Close(fds.Dequeue()));
                return Errno.None;
            });
        });

        Assert.Equal(0, sw.Close(first));

        Assert.Equal((1, 1), (filterCalls, afterCalls));
        Assert.Equal(StatAssert.Zero(Tcp4) with { Opened = 2, Closed = 2 }, Assert.Single(sw.Stats()));
        Assert.Empty(sw.Sockets());
    }

    [Fact]
    public void AFilterOfAnotherSwitchStillRuns()
    {
        var inner = new SocketCallsSwitch(new FakeKernel());
        var outer = new SocketCallsSwitch(inner);
        int innerFilterCalls = 0;
        inner.Set(FilterType.Socket, _ =>
        {
            innerFilterCalls++;
            return Errno.None;
        });
        outer.Set(FilterType.Socket, _ =>
        {
            // A call on the inner switch from the outer switch's filter is the inner switch's first filter frame.
            inner.Socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
            return Errno.None;
        });

        outer.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

        Assert.Equal(2, innerFilterCalls);
    }
}
