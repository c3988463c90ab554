using Socktest.Interop;
using Socktest.Tests.Support;
using Xunit;

namespace Socktest.Tests;

public class Smoke
{
    [Fact]
    public void SocketAndCloseAreCounted()
    {
        var sw = new SocketCallsSwitch();
        int fd = sw.Socket(SocketConstants.AF_INET, SocketConstants.SOCK_STREAM, 0);
        Assert.True(fd >= 0);
        Assert.Single(sw.Sockets());
        Assert.Equal(0, sw.Close(fd));
        Assert.Empty(sw.Sockets());
        Assert.Equal("(inet4, stream, default): opened=1 connected=0 listened=0 accepted=0 closed=1 openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0", Assert.Single(sw.Stats()).ToString());
    }
}
