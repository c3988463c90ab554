using System;
using System.Net;
using System.Net.Sockets;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Xunit.Tests;

/// <summary>The base class as a user's test class uses it: each test gets a fresh, traced switch (xunit makes an
/// instance per test), and the end-of-test check passes when every socket was closed.</summary>
public class SocketSwitchTestTests() : SocketSwitchTest<TestCallsSwitch>(new TestCallsSwitch())
{
    [Fact]
    public void EachTestGetsAFreshTracedSwitch()
    {
        Assert.Empty(Switch.Stats());
        Assert.Equal(0, Trace.Recorded);

        int fd = Switch.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        Assert.True(fd >= 0);
        Assert.Equal(0, Switch.Close(fd));

        Assert.Equal(2, Trace.Recorded);
    }

    [Fact]
    public void AnInjectedRefusalIsInTheTrace()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        Switch.Set(FilterType.Connect, Faults.Fail(Errno.ECONNREFUSED));
        int fd = Switch.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

        Assert.Equal(-1, Switch.Connect(fd, Address(((IPEndPoint)listener.LocalEndPoint!).Port)));
        Assert.Equal(0, Switch.Close(fd));

        Assert.Contains("-1 ECONNREFUSED injected by Faults.Fail(ECONNREFUSED)", Trace.Format());
    }

    internal static byte[] Address(int port)
    {
        var address = new IPEndPoint(IPAddress.Loopback, port).Serialize();
        return address.Buffer.Span[..address.Size].ToArray();
    }
}
