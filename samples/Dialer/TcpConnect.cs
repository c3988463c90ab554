using System;
using System.Net;
using System.Threading;
using Socktest;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Samples.Dialing;

/// <summary>
/// One non-blocking TCP connect as Go's net package does it: socket with SOCK_NONBLOCK|SOCK_CLOEXEC, connect,
/// on EINPROGRESS wait for writability with poll, then read the outcome with getsockopt(SO_ERROR).
/// </summary>
internal static class TcpConnect
{
    /// <summary>Connects to <paramref name="endPoint"/>; on failure the socket is closed.</summary>
    public static Attempt To(ISocketCalls calls, IPEndPoint endPoint, TimeSpan timeout, CancellationToken cancel)
    {
        int fd = calls.Socket(SocketAddressBytes.FamilyOf(endPoint), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
        if (fd < 0)
        {
            return Attempt.Failed(Errno.Last());
        }

        Errno error = Connect(calls, fd, SocketAddressBytes.Of(endPoint), timeout, cancel);
        if (error == Errno.None)
        {
            return Attempt.Connected(fd, endPoint);
        }

        calls.Close(fd);
        return Attempt.Failed(error);
    }

    private static Errno Connect(ISocketCalls calls, int fd, byte[] address, TimeSpan timeout, CancellationToken cancel)
    {
        if (calls.Connect(fd, address) == 0)
        {
            return Errno.None;
        }

        // EINTR: the connect goes on in the kernel (POSIX), so it is waited for like EINPROGRESS, as Go does.
        Errno error = Errno.Last();
        if (error != Errno.EINPROGRESS && error != Errno.EINTR)
        {
            return error;
        }

        Errno waited = Poll.WaitWritable(fd, timeout, cancel);
        if (waited != Errno.None)
        {
            return waited;
        }

        if (calls.GetsockoptInt(fd, SOL_SOCKET, SO_ERROR, out int socketError) < 0)
        {
            return Errno.Last();
        }

        var outcome = new Errno(socketError);
        return outcome == Errno.None || outcome == Errno.EISCONN ? Errno.None : outcome;
    }
}
