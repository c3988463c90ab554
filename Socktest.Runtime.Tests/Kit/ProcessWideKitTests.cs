using System.Net.Sockets;
using Socktest.Tests.ProcessWide;
using Xunit;

namespace Socktest.Tests.Kit;

/// <summary>The kit on the process-wide switch: the probe-socket ignore on sockets .NET opens, and <c>Use</c> through
/// <see cref="InstalledSocketSwitch"/>, which forwards to its generated switch.</summary>
[Collection(ProcessWideCollection.Name)]
public class ProcessWideKitTests
{
    [Fact]
    public void RuntimeProbesExcusesProbeLikeSocketsButNotUdpOnes()
    {
        using var sockets = ProcessSockets.Install();
        var probeLike = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Unspecified);
        var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        var leak = Assert.Throws<SocketLeakException>(() => sockets.AssertNoLeaks(SocketMatch.RuntimeProbes));
        Assert.Equal(udp.Handle.ToInt32(), Assert.Single(leak.Leaked).Descriptor);
        Assert.Contains(", udp): syscallerr=<nil>", leak.Message);
        Assert.DoesNotContain("default", leak.Message);

        udp.Dispose();
        sockets.AssertNoLeaks(SocketMatch.RuntimeProbes);
        var unexcused = Assert.Throws<SocketLeakException>(() => sockets.AssertNoLeaks());
        Assert.Equal(probeLike.Handle.ToInt32(), Assert.Single(unexcused.Leaked).Descriptor);

        probeLike.Dispose();
        sockets.AssertNoLeaks();
    }

    [Fact]
    public void UseRestoresTheFilterSetDirectlyOnTheProcessWideSwitch()
    {
        using var sockets = ProcessSockets.Install();
        int passed = 0;
        sockets.Set(FilterType.Socket, _ =>
        {
            passed++;
            return Errno.None;
        });

        using (sockets.Use(FilterType.Socket, Faults.When(SocketMatch.Type((int)SocketType.Stream), Faults.Fail(Errno.EMFILE))))
        {
            var refused = Assert.Throws<SocketException>(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
            Assert.Equal(SocketError.TooManyOpenSockets, refused.SocketErrorCode);
            Assert.Equal(0, passed);
        }

        using (new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            Assert.Equal(1, passed);
        }

        sockets.AssertNoLeaks(SocketMatch.RuntimeProbes);
    }
}
