using System;
using System.Net;
using Socktest;
using Socktest.Interop;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Samples.Echo;

/// <summary>Opens a non-blocking listening TCP socket: socket and listen through the calls, the rest straight to libc.</summary>
internal static class Listener
{
    public static int Open(ISocketCalls calls, IPEndPoint endPoint, int backlog, out IPEndPoint boundEndPoint)
    {
        int fd = calls.Socket(SocketAddressBytes.FamilyOf(endPoint), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
        if (fd < 0)
        {
            throw new SocketCallException("socket", Errno.Last());
        }

        try
        {
            byte[] address = SocketAddressBytes.Of(endPoint);
            Check("setsockopt(SO_REUSEADDR)", Libc.SetsockoptInt(fd, SOL_SOCKET, SO_REUSEADDR, 1));
            Check("bind", Libc.Bind(fd, address));
            Check("listen", calls.Listen(fd, backlog));
            Check("getsockname", Libc.Getsockname(fd, address, out int length));
            boundEndPoint = SocketAddressBytes.ToEndPoint(address.AsSpan(0, length), endPoint.AddressFamily);
            return fd;
        }
        catch
        {
            calls.Close(fd);
            throw;
        }
    }

    private static void Check(string call, int result)
    {
        if (result < 0)
        {
            throw new SocketCallException(call, Errno.Last());
        }
    }
}
