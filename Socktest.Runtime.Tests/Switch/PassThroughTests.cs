using System;
using Socktest.Interop;
using Socktest.Scenarios;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>Calls on descriptors the switch did not open go straight to the kernel: no filter, no statistics.</summary>
[Collection(QuietDescriptorTable.Name)]
public class PassThroughTests
{
    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void UntrackedDescriptorsSkipFiltersAndStatistics(Net net)
    {
        var sw = new SocketCallsSwitch();
        SetThrowingFiltersExceptSocket(sw);
        var before = Descriptors.OpenSockets();
        int listener = Loopback.TcpSocket(net);
        int port = Loopback.BindEphemeral(listener, net);
        int client = Loopback.TcpSocket(net);

        Assert.Equal(0, sw.Listen(listener, 8));
        Assert.Equal(0, sw.Connect(client, Loopback.Address(net, port)));
        var address = new byte[128];
        int accepted = sw.Accept(listener, address, out int addressLength);
        Assert.True(accepted >= 0, $"accept failed: {Errno.Last()}");
        Assert.Equal(Loopback.AddressSize(net), addressLength);
        Assert.Equal(0, sw.GetsockoptInt(client, SOL_SOCKET, SO_ERROR, out int soError));
        Assert.Equal(0, soError);

        Assert.Empty(sw.Stats());
        Assert.Empty(sw.Sockets()); // the accepted socket is not tracked either
        Assert.Equal(0, sw.Close(accepted));
        Assert.Equal(0, sw.Close(client));
        Assert.Equal(0, sw.Close(listener));
        Assert.Empty(Descriptors.OpenedSince(before));
        Assert.Empty(sw.Stats());
    }

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void KernelErrorsOnUntrackedDescriptorsPassThroughUncounted(Net net)
    {
        var optionError = Loopback.FailureOf(net, SOCK_DGRAM, fd => Libc.GetsockoptInt(fd, 12345, SO_ERROR, out _));
        var sw = new SocketCallsSwitch();
        SetThrowingFiltersExceptSocket(sw);
        var (refusing, port) = Loopback.RefusingPort(net);
        int client = Loopback.TcpSocket(net);
        var (listener, _) = Loopback.Listener(net, SOCK_NONBLOCK);
        int udp = Loopback.Check(Libc.Socket(Loopback.Family(net), SOCK_DGRAM, 0), "socket");

        Assert.Equal(-1, sw.Connect(client, Loopback.Address(net, port)));
        Assert.Equal(Errno.ECONNREFUSED, Errno.Last());
        Assert.Equal(-1, sw.Accept4(listener, new byte[128], out int addressLength, 0));
        Assert.Equal(Errno.EAGAIN, Errno.Last());
        Assert.Equal(0, addressLength);
        Assert.Equal(-1, sw.Listen(udp, 8));
        Assert.Equal(Errno.EOPNOTSUPP, Errno.Last());
        Assert.Equal(-1, sw.GetsockoptInt(udp, 12345, SO_ERROR, out _));
        Assert.Equal(optionError, Errno.Last());
        Assert.Equal(-1, sw.Close(1_000_000)); // above any descriptor limit: never open
        Assert.Equal(Errno.EBADF, Errno.Last());

        Assert.Empty(sw.Stats());
        Assert.Empty(sw.Sockets());
        Loopback.CloseAll(refusing, client, listener, udp);
    }

    private static void SetThrowingFiltersExceptSocket(SocketCallsSwitch sw)
    {
        foreach (var type in new[] { FilterType.Connect, FilterType.Listen, FilterType.Accept, FilterType.GetsockoptInt, FilterType.Close })
        {
            sw.Set(type, st => throw new InvalidOperationException($"filter {type} ran for an untracked descriptor: {st}"));
        }
    }
}
