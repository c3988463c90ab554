using System.Buffers.Binary;

namespace DocRecipes.Support;

/// <summary>Sockets opened through a switch (so that it tracks them): a 127.0.0.1 listener and a connected pair.</summary>
public static class SwitchSockets
{
    /// <summary>Opens a TCP listener on 127.0.0.1, port chosen by the kernel, through <paramref name="calls"/>.</summary>
    /// <returns>The listener's descriptor; <paramref name="address"/> is its native sockaddr, for <c>Connect</c>.</returns>
    public static int Listen(ISocketCalls calls, out byte[] address)
    {
        int fd = calls.Socket(SocketConstants.AF_INET, SocketConstants.SOCK_STREAM, 0);
        Check(fd, "socket");
        SocketAddress any = new IPEndPoint(IPAddress.Loopback, 0).Serialize();
        Check(calls.Bind(fd, any.Buffer.Span[..any.Size]), "bind");
        Check(calls.Listen(fd, 16), "listen");
        address = new byte[any.Size];
        Check(Libc.Getsockname(fd, address, out _), "getsockname");
        return fd;
    }

    /// <summary>The port of a sockaddr_in.</summary>
    public static int Port(byte[] address) => BinaryPrimitives.ReadUInt16BigEndian(address.AsSpan(2));

    /// <summary>A connected pair on 127.0.0.1, each end opened or accepted through <paramref name="calls"/>; the listener
    /// is closed again.</summary>
    public static (int Client, int Server) ConnectedPair(ISocketCalls calls)
    {
        int listener = Listen(calls, out byte[] address);
        int client = calls.Socket(SocketConstants.AF_INET, SocketConstants.SOCK_STREAM, 0);
        Check(client, "socket");
        Check(calls.Connect(client, address), "connect");
        int server = calls.Accept(listener, Span<byte>.Empty, out _);
        Check(server, "accept");
        Check(calls.Close(listener), "close");
        return (client, server);
    }

    private static void Check(int result, string call)
    {
        if (result < 0)
        {
            throw new InvalidOperationException($"{call} failed: {Errno.Last()}");
        }
    }
}
