using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Socktest;

namespace Socktest.Tests.Support;

/// <summary>
/// A tiny fake kernel behind <see cref="ISocketCalls"/>: hands out descriptor numbers from 1000, fails a call with
/// a chosen errno (set with <see cref="Marshal.SetLastPInvokeError"/>, as libc does) and records every close.
/// </summary>
internal sealed class FakeKernel : ISocketCalls
{
    private readonly object _gate = new();
    private readonly HashSet<int> _open = new();
    private readonly List<int> _closeCalls = new();
    private int _next = 1000;

    public Errno SocketError { get; set; }

    public Errno ConnectError { get; set; }

    public Errno ListenError { get; set; }

    public Errno AcceptError { get; set; }

    public Errno SockoptError { get; set; }

    public Errno CloseError { get; set; }

    /// <summary>What <see cref="GetsockoptInt"/> reads.</summary>
    public int SockoptValue { get; set; }

    /// <summary>The peer address length a successful accept reports.</summary>
    public int PeerAddressLength { get; set; } = 16;

    public IReadOnlyCollection<int> Open
    {
        get
        {
            lock (_gate)
            {
                return new List<int>(_open);
            }
        }
    }

    /// <summary>Every descriptor Close was called with, in order.</summary>
    public IReadOnlyList<int> CloseCalls
    {
        get
        {
            lock (_gate)
            {
                return _closeCalls.ToArray();
            }
        }
    }

    public int Socket(int family, int type, int protocol) => SocketError.Value != 0 ? Fail(SocketError) : NewFd();

    public int Connect(int fd, ReadOnlySpan<byte> address) => Outcome(fd, ConnectError);

    public int Listen(int fd, int backlog) => Outcome(fd, ListenError);

    public int Accept(int fd, Span<byte> address, out int addressLength) => Accept4(fd, address, out addressLength, 0);

    public int Accept4(int fd, Span<byte> address, out int addressLength, int flags)
    {
        addressLength = 0;
        int result = Outcome(fd, AcceptError);
        if (result < 0)
        {
            return result;
        }

        addressLength = PeerAddressLength;
        return NewFd();
    }

    public int GetsockoptInt(int fd, int level, int option, out int value)
    {
        int result = Outcome(fd, SockoptError);
        value = result < 0 ? 0 : SockoptValue;
        return result;
    }

    public int Close(int fd)
    {
        lock (_gate)
        {
            _closeCalls.Add(fd);
            if (!_open.Contains(fd))
            {
                return Fail(Errno.EBADF);
            }

            if (CloseError.Value != 0)
            {
                return Fail(CloseError);
            }

            _open.Remove(fd);
            return 0;
        }
    }

    private int NewFd()
    {
        lock (_gate)
        {
            int fd = _next++;
            _open.Add(fd);
            return fd;
        }
    }

    private int Outcome(int fd, Errno error)
    {
        bool known;
        lock (_gate)
        {
            known = _open.Contains(fd);
        }

        if (!known)
        {
            return Fail(Errno.EBADF);
        }

        return error.Value != 0 ? Fail(error) : 0;
    }

    private static int Fail(Errno error)
    {
        Marshal.SetLastPInvokeError(error.Value);
        return -1;
    }
}
