using System;
using System.Buffers.Binary;
using System.Net;
using Socktest.Interop;

namespace Socktest.Tests.Support;

/// <summary>Which loopback address a test runs on.</summary>
public enum Net
{
    /// <summary>127.0.0.1 over AF_INET.</summary>
    V4,

    /// <summary>::1 over AF_INET6.</summary>
    V6,
}

/// <summary>Real TCP sockets on 127.0.0.1 and ::1, made with libc directly (so a switch does not track them).</summary>
internal static class Loopback
{
    public static int Family(Net net) => net == Net.V4 ? SocketConstants.AF_INET : SocketConstants.AF_INET6;

    public static IPAddress Ip(Net net) => net == Net.V4 ? IPAddress.Loopback : IPAddress.IPv6Loopback;

    /// <summary>The cookie of a TCP socket of <paramref name="net"/> opened with <paramref name="typeFlags"/>.</summary>
    public static Cookie TcpCookie(Net net, int typeFlags = 0)
        => Cookie.Of(Family(net), SocketConstants.SOCK_STREAM | typeFlags, SocketConstants.IPPROTO_TCP);

    /// <summary>The native sockaddr bytes of the loopback address and <paramref name="port"/>.</summary>
    public static byte[] Address(Net net, int port)
    {
        SocketAddress address = new IPEndPoint(Ip(net), port).Serialize();
        return address.Buffer.Span[..address.Size].ToArray();
    }

    /// <summary>The size of a sockaddr of <paramref name="net"/> (sockaddr_in or sockaddr_in6).</summary>
    public static int AddressSize(Net net) => Address(net, 0).Length;

    /// <summary>The port in native sockaddr bytes (network order at offset 2, for both families).</summary>
    public static int PortOf(ReadOnlySpan<byte> address) => BinaryPrimitives.ReadUInt16BigEndian(address[2..]);

    /// <summary>The local port of a bound socket.</summary>
    public static int LocalPort(int fd)
    {
        Span<byte> address = stackalloc byte[128];
        Check(Libc.Getsockname(fd, address, out int length), "getsockname");
        return PortOf(address[..length]);
    }

    /// <summary>Binds <paramref name="fd"/> to the loopback address and a port the kernel picks; returns the port.</summary>
    public static int BindEphemeral(int fd, Net net)
    {
        Check(Libc.Bind(fd, Address(net, 0)), "bind");
        return LocalPort(fd);
    }

    /// <summary>An untracked TCP socket of <paramref name="net"/>.</summary>
    public static int TcpSocket(Net net, int typeFlags = 0)
        => Check(Libc.Socket(Family(net), SocketConstants.SOCK_STREAM | typeFlags, SocketConstants.IPPROTO_TCP), "socket");

    /// <summary>An untracked listening socket on an ephemeral loopback port.</summary>
    public static (int Fd, int Port) Listener(Net net, int typeFlags = 0)
    {
        int fd = TcpSocket(net, typeFlags);
        int port = BindEphemeral(fd, net);
        Check(Libc.Listen(fd, 16), "listen");
        return (fd, port);
    }

    /// <summary>A bound socket that does not listen: connecting to its port is refused (RST) while it stays open.</summary>
    public static (int Fd, int Port) RefusingPort(Net net)
    {
        int fd = TcpSocket(net);
        return (fd, BindEphemeral(fd, net));
    }

    /// <summary>An untracked client connected (blocking) to <paramref name="port"/>.</summary>
    public static int Client(Net net, int port)
    {
        int fd = TcpSocket(net);
        Check(Libc.Connect(fd, Address(net, port)), "connect");
        return fd;
    }

    /// <summary>The errno the kernel fails <paramref name="call"/> with on a fresh untracked socket of <paramref name="net"/>:
    /// the reference for a call whose errno differs between kernel versions.</summary>
    public static Errno FailureOf(Net net, int type, Func<int, int> call)
    {
        int fd = Check(Libc.Socket(Family(net), type, 0), "socket");
        int result = call(fd);
        var errno = Errno.Last();
        Check(Libc.Close(fd), "close");
        return result == -1 && errno != Errno.None
            ? errno
            : throw new InvalidOperationException($"the reference call did not fail ({result})");
    }

    /// <summary>Closes untracked descriptors, checking each close.</summary>
    public static void CloseAll(params int[] fds)
    {
        foreach (int fd in fds)
        {
            Check(Libc.Close(fd), "close");
        }
    }

    /// <summary>Throws with the errno when a libc call failed; returns its result otherwise.</summary>
    public static int Check(int result, string what)
        => result >= 0 ? result : throw new InvalidOperationException($"{what} failed: {Errno.Last()}");
}
