using System;
using Socktest.Scenarios;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>Go's forceCloseSockets: every socket left in the table is closed through the inner implementation, with no
/// filter and no count, and the table is empty afterwards.</summary>
[Collection(QuietDescriptorTable.Name)]
public class ForceCloseTests
{
    [Fact]
    public void ClosesEverySocketLeftThroughTheInnerImplementationCountingNothing()
    {
        var kernel = new FakeKernel();
        var sw = new SocketCallsSwitch(kernel);
        int first = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        int second = sw.Socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
        int closed = sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        Assert.Equal(0, sw.Close(closed));
        int filterCalls = 0;
        sw.Set(FilterType.Close, _ =>
        {
            filterCalls++;
            return Errno.EIO;
        });
        var before = sw.Stats();

        var forced = sw.ForceCloseSockets();

        Assert.Equal([first, second], forced);
        Assert.Equal([closed, first, second], kernel.CloseCalls);
        Assert.Empty(kernel.Open);
        Assert.Empty(sw.Sockets());
        Assert.Equal(0, filterCalls);
        Assert.Equal(before, sw.Stats());
    }

    /// <summary>Counts the process's open sockets, so it runs alone (closing the number again to check would close
    /// whatever socket a parallel test got it for).</summary>
    [Fact]
    public void ClosesRealSocketsThroughLibc()
    {
        var sw = new SocketCallsSwitch();
        var before = Descriptors.OpenSockets();
        int fd = Loopback.Check(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), "socket");
        Assert.Single(Descriptors.NewSince(before));

        Assert.Equal([fd], sw.ForceCloseSockets());

        Assert.Empty(Descriptors.OpenedSince(before));
        Assert.Empty(sw.Sockets());
    }
}
