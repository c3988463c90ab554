using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Socktest.Interop;
using Socktest.Tests.ProcessWide;
using Xunit;

namespace Socktest.Tests.Faithful;

/// <summary>Filters aimed at one destination (<see cref="Status.Peer"/>, <see cref="SocketMatch.Peer"/>) and one option
/// (<see cref="Status.Level"/>, <see cref="Status.Option"/>).</summary>
[Collection(ProcessWideCollection.Name)]
public sealed class TargetingTests
{
    [Fact]
    public async Task AConnectFilterSeesTheDestinationAndRefusesOnlyIt()
    {
        using var first = Listening();
        using var second = Listening();
        var refused = (IPEndPoint)first.LocalEndPoint!;
        using var scope = ProcessSockets.BeginScope();
        var seen = new ConcurrentQueue<EndPoint?>();
        scope.Set(FilterType.Connect, Faults.When(status =>
        {
            seen.Enqueue(status.Peer);
            return SocketMatch.Peer(refused)(status);
        }, Faults.Refuse()));

        using var a = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var b = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var error = await Assert.ThrowsAsync<SocketException>(() => a.ConnectAsync(refused, TestContext.Current.CancellationToken).AsTask());
        await b.ConnectAsync(second.LocalEndPoint!, TestContext.Current.CancellationToken);

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
        Assert.Equal([refused, second.LocalEndPoint], seen);
        Assert.True(b.Connected);
    }

    [Fact]
    public async Task ACallOnAConnectedSocketSeesItsPeerAndAGetsockoptFilterItsOption()
    {
        using var listener = Listening();
        using var scope = ProcessSockets.BeginScope();
        var peers = new ConcurrentQueue<EndPoint?>();
        var options = new ConcurrentQueue<(int, int)>();
        scope.Set(FilterType.Send, status =>
        {
            peers.Enqueue(status.Peer);
            return default;
        });
        scope.Set(FilterType.GetsockoptInt, status =>
        {
            options.Enqueue((status.Level, status.Option));
            return default;
        });

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!, TestContext.Current.CancellationToken);
        client.Send([1]);
        _ = client.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveBuffer);

        Assert.Equal([listener.LocalEndPoint], peers);
        Assert.Contains((SocketConstants.SOL_SOCKET, SocketConstants.SO_ERROR), options);
        Assert.Contains((SocketConstants.SOL_SOCKET, 8), options); // SO_RCVBUF
    }

    private static Socket Listening()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(8);
        return socket;
    }
}
