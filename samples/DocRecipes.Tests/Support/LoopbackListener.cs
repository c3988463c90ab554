namespace DocRecipes.Support;

/// <summary>A TCP listener on 127.0.0.1 (or ::1), a port the kernel picks, opened with .NET's <see cref="Socket"/>:
/// a generated switch never sees it (it calls libc itself), and a scope owns it only if the test opened it in the scope's
/// flow. <see cref="Address"/> is its native sockaddr, for a generated switch's <c>Connect</c>.</summary>
public sealed class LoopbackListener : IDisposable
{
    private readonly Socket _socket;

    public LoopbackListener(AddressFamily family = AddressFamily.InterNetwork)
    {
        _socket = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        _socket.Bind(new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, 0));
        _socket.Listen();
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        SocketAddress address = EndPoint.Serialize();
        Address = address.Buffer.Span[..address.Size].ToArray();
    }

    /// <summary>The listener's address as native sockaddr bytes.</summary>
    public byte[] Address { get; }

    /// <summary>The listener's address and port.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Accepts one pending connection.</summary>
    public Socket Accept() => _socket.Accept();

    public void Dispose() => _socket.Dispose();
}
