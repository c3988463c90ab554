using System;
using System.Net;
using System.Threading;
using Socktest.Interop;

namespace Socktest.ProcessHooks;

/// <summary>
/// Loopback endpoints that behave as the network's failures do, made once per process through the C library's own
/// calls, so no switch ever sees their sockets: a port that refuses (bound, never listening: the kernel answers a SYN
/// with a reset) and a port that never answers (a listener with a backlog of 0 whose one place is taken by a connection
/// never accepted: the kernel drops every further SYN, as a firewall would). Kept open for the life of the process.
/// </summary>
internal sealed unsafe class LoopbackTargets
{
    private static LoopbackTargets? s_inet4;
    private static LoopbackTargets? s_inet6;

    private readonly byte[] _refusing;
    private readonly byte[] _unanswered;

    private LoopbackTargets(OriginalSocketCalls originals, IPAddress loopback)
    {
        int family = loopback.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? SocketConstants.AF_INET6 : SocketConstants.AF_INET;
        _refusing = Bound(originals, family, loopback, out _);
        _unanswered = Bound(originals, family, loopback, out int listener);
        if (originals.ListenFunction(listener, 0) < 0)
        {
            throw new InvalidOperationException($"listen on {loopback} failed: {new Errno(System.Runtime.InteropServices.Marshal.GetLastSystemError())}.");
        }

        // The place in the accept queue is taken by a connection that is never accepted. With SYN cookies off, a backlog
        // of 0 already drops every SYN, this one's too, and waiting for it is pointless.
        int filler = originals.SocketFunction(family, SocketConstants.SOCK_STREAM | SocketConstants.SOCK_NONBLOCK | SocketConstants.SOCK_CLOEXEC, 0);
        fixed (byte* address = _unanswered)
        {
            originals.ConnectFunction(filler, address, (uint)_unanswered.Length);
        }

        for (int waited = 0; waited < 1000 && SocketAddresses.PeerOf(filler) is null; waited++)
        {
            Thread.Sleep(1);
        }
    }

    /// <summary>The targets for sockets of <paramref name="family"/> (AF_INET6 falls back to IPv4-mapped addresses
    /// where the host has no IPv6 loopback).</summary>
    internal static LoopbackTargets For(int family)
    {
        var originals = ProcessHook.Originals!;
        if (family != SocketConstants.AF_INET6)
        {
            return Volatile.Read(ref s_inet4) ?? Create(ref s_inet4, () => new LoopbackTargets(originals, IPAddress.Loopback));
        }

        return Volatile.Read(ref s_inet6) ?? Create(ref s_inet6, () =>
        {
            try
            {
                return new LoopbackTargets(originals, IPAddress.IPv6Loopback);
            }
            catch (InvalidOperationException)
            {
                return For(SocketConstants.AF_INET).MappedToIPv6();
            }
        });
    }

    /// <summary>The <c>sockaddr</c> of the port that refuses.</summary>
    internal ReadOnlySpan<byte> Refusing => _refusing;

    /// <summary>The <c>sockaddr</c> of the port that never answers.</summary>
    internal ReadOnlySpan<byte> Unanswered => _unanswered;

    private LoopbackTargets(byte[] refusing, byte[] unanswered)
    {
        _refusing = refusing;
        _unanswered = unanswered;
    }

    private static LoopbackTargets Create(ref LoopbackTargets? field, Func<LoopbackTargets> create)
    {
        lock (typeof(LoopbackTargets))
        {
            return Volatile.Read(ref field) ?? (field = create());
        }
    }

    private LoopbackTargets MappedToIPv6() => new(Mapped(_refusing), Mapped(_unanswered));

    private static byte[] Mapped(byte[] inet4)
    {
        var endPoint = SocketAddresses.ToEndPoint(inet4)!;
        var mapped = new byte[SocketAddresses.MaxLength];
        SocketAddresses.Write(new IPEndPoint(endPoint.Address.MapToIPv6(), endPoint.Port), mapped);
        return mapped;
    }

    /// <summary>A socket of <paramref name="family"/> bound to <paramref name="loopback"/> on a port the kernel picks,
    /// and that port's <c>sockaddr</c>.</summary>
    private static byte[] Bound(OriginalSocketCalls originals, int family, IPAddress loopback, out int fd)
    {
        fd = originals.SocketFunction(family, SocketConstants.SOCK_STREAM | SocketConstants.SOCK_CLOEXEC, 0);
        var address = new byte[SocketAddresses.MaxLength];
        int length = SocketAddresses.Write(new IPEndPoint(loopback, 0), address);
        int bound;
        fixed (byte* pointer = address)
        {
            bound = fd < 0 ? -1 : originals.BindFunction(fd, pointer, (uint)length);
        }

        if (bound < 0 || Libc.Getsockname(fd, address, out length) < 0)
        {
            int errno = System.Runtime.InteropServices.Marshal.GetLastSystemError();
            if (fd >= 0)
            {
                originals.CloseFunction(fd);
            }

            throw new InvalidOperationException($"A loopback port on {loopback} could not be bound: {new Errno(errno)}.");
        }

        return address[..length];
    }
}
