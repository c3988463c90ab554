using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Socktest.Tests.Support;

/// <summary>
/// A fake kernel that numbers descriptors as Linux does, lowest free number first, so that a closed number comes
/// straight back; and that can run a test's code inside <see cref="Close"/>, after the number is released and before
/// the call returns: exactly the window in which another thread's socket or close meets a close in flight.
/// </summary>
internal sealed class ReusingKernel : ISocketCalls
{
    private readonly SortedSet<int> _open = new();

    /// <summary>Runs inside the next <see cref="Close"/> of a descriptor the kernel held, once, after the number is
    /// released.</summary>
    public Action<int>? DuringClose { get; set; }

    /// <summary>An errno the next successful <see cref="Close"/> reports although it released the number, as Linux
    /// does for EINTR and EIO.</summary>
    public Errno CloseReports { get; set; }

    public IReadOnlyCollection<int> Open => _open;

    public int Socket(int family, int type, int protocol)
    {
        int fd = 3;
        while (_open.Contains(fd))
        {
            fd++;
        }

        _open.Add(fd);
        return fd;
    }

    public int Connect(int fd, ReadOnlySpan<byte> address) => Known(fd);

    public int Listen(int fd, int backlog) => Known(fd);

    public int Accept(int fd, Span<byte> address, out int addressLength)
    {
        addressLength = 0;
        return Known(fd) < 0 ? -1 : Socket(0, 0, 0);
    }

    public int Accept4(int fd, Span<byte> address, out int addressLength, int flags) => Accept(fd, address, out addressLength);

    public int GetsockoptInt(int fd, int level, int option, out int value)
    {
        value = 0;
        return Known(fd);
    }

    public int Close(int fd)
    {
        if (!_open.Remove(fd))
        {
            return Fail(Errno.EBADF);
        }

        var during = DuringClose;
        DuringClose = null;
        during?.Invoke(fd);

        var reported = CloseReports;
        CloseReports = Errno.None;
        return reported.Value != 0 ? Fail(reported) : 0;
    }

    public int Bind(int fd, ReadOnlySpan<byte> address) => Known(fd);

    public int Send(int fd, ReadOnlySpan<byte> buffer, int flags) => Known(fd) < 0 ? -1 : buffer.Length;

    public int Recv(int fd, Span<byte> buffer, int flags) => Known(fd) < 0 ? -1 : 0;

    public int Shutdown(int fd, int how) => Known(fd);

    private int Known(int fd) => _open.Contains(fd) ? 0 : Fail(Errno.EBADF);

    private static int Fail(Errno errno)
    {
        Marshal.SetLastPInvokeError(errno.Value);
        return -1;
    }
}
