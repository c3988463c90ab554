using System;
using System.Net;
using System.Net.Sockets;

namespace Socktest.Tests.Faithful;

/// <summary>The real conditions the faithful faults stand for, made on loopback with .NET's own sockets, so a test can
/// run the real one and the injected one side by side.</summary>
internal static class LoopbackConditions
{
    /// <summary>A loopback port nothing listens on: a socket bound to it and never listening, kept by the caller.</summary>
    public static Socket ClosedPort(out IPEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        endPoint = (IPEndPoint)socket.LocalEndPoint!;
        return socket;
    }

    /// <summary>A loopback listener whose SYNs are dropped: a backlog of 0, its one place taken by a connection never
    /// accepted. Dispose both sockets.</summary>
    public static (Socket Listener, Socket Filler) UnansweredPort(out IPEndPoint endPoint)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        endPoint = (IPEndPoint)listener.LocalEndPoint!;
        var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        filler.Connect(endPoint);
        return (listener, filler);
    }

    /// <summary>A connected pair on loopback: the client, and the server's end.</summary>
    public static (Socket Client, Socket Server) ConnectedPair()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        var server = listener.Accept();
        return (client, server);
    }

    /// <summary>What the peer does to reset a connection: close with SO_LINGER 0.</summary>
    public static void ResetByPeer(Socket peer)
    {
        peer.LingerState = new LingerOption(true, 0);
        peer.Dispose();
    }
}
