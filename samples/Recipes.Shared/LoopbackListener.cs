using System;
using System.Net;
using System.Net.Sockets;

namespace Socktest.Samples.Recipes;

/// <summary>A TCP listener on 127.0.0.1 (a port the kernel picks), opened apart from the switch, so the switch sees
/// only the test's own socket; <see cref="Address"/> is its native sockaddr for <c>Connect</c>.</summary>
internal sealed class LoopbackListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public LoopbackListener()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.Listen();
        SocketAddress address = _socket.LocalEndPoint!.Serialize();
        Address = address.Buffer.Span[..address.Size].ToArray();
    }

    /// <summary>The listener's address as native sockaddr bytes.</summary>
    public byte[] Address { get; }

    public void Dispose() => _socket.Dispose();
}
