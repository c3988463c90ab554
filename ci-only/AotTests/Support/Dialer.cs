using System;
using System.Runtime.InteropServices;
using Socktest;
using static Socktest.Interop.SocketConstants;

namespace AotTests.Support;

/// <summary>Code under test, written on <see cref="ISocketCalls"/>: a TCP dialer and a server's accept loop.</summary>
public sealed class Dialer(ISocketCalls calls)
{
    /// <summary>Opens a TCP socket and connects it; on failure closes it and returns -1 with the connect's errno.</summary>
    public int Dial(int family, ReadOnlySpan<byte> address)
    {
        int fd = calls.Socket(family, SOCK_STREAM, IPPROTO_TCP);
        if (fd < 0)
        {
            return -1;
        }

        if (calls.Connect(fd, address) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            calls.Close(fd);
            Marshal.SetLastPInvokeError(errno);
            return -1;
        }

        return fd;
    }

    /// <summary>Accepts one connection, retrying ECONNABORTED as Go's accept loop does (a peer that gave up while
    /// queued is no reason to stop serving); any other error ends the loop.</summary>
    /// <param name="listener">The listening socket.</param>
    /// <param name="retries">How many aborted accepts were retried.</param>
    /// <returns>The accepted descriptor, or -1 with the errno.</returns>
    public int AcceptRetryingAborted(int listener, out int retries)
    {
        retries = 0;
        while (true)
        {
            int fd = calls.Accept(listener, Span<byte>.Empty, out _);
            if (fd >= 0 || Errno.Last() != Errno.ECONNABORTED)
            {
                return fd;
            }

            retries++;
        }
    }
}
