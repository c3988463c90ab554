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

    public Errno BindError { get; set; }

    public Errno SendError { get; set; }

    public Errno RecvError { get; set; }

    public Errno ShutdownError { get; set; }

    /// <summary>What <see cref="Recv"/> delivers: it fills the buffer with as many of these bytes as fit, consuming
    /// them; empty, it reports the end of the stream (0).</summary>
    public Queue<byte> Incoming { get; } = new();

    /// <summary>Every byte <see cref="Send"/> accepted, in order.</summary>
    public List<byte> Sent { get; } = new();

    /// <summary>The length of the buffer each Send or Recv was given, in order.</summary>
    public List<int> TransferLengths { get; } = new();

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

    public int Bind(int fd, ReadOnlySpan<byte> address) => Outcome(fd, BindError);

    public int Send(int fd, ReadOnlySpan<byte> buffer, int flags)
    {
        int result = Outcome(fd, SendError);
        if (result < 0)
        {
            return result;
        }

        lock (_gate)
        {
            TransferLengths.Add(buffer.Length);
            Sent.AddRange(buffer.ToArray());
        }

        return buffer.Length;
    }

    public int Recv(int fd, Span<byte> buffer, int flags)
    {
        int result = Outcome(fd, RecvError);
        if (result < 0)
        {
            return result;
        }

        lock (_gate)
        {
            TransferLengths.Add(buffer.Length);
            int count = 0;
            while (count < buffer.Length && Incoming.TryDequeue(out byte value))
            {
                buffer[count++] = value;
            }

            return count;
        }
    }

    public int Shutdown(int fd, int how) => Outcome(fd, ShutdownError);

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
