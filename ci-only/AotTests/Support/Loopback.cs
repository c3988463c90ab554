using System;
using System.Net;
using Socktest;
using Socktest.Interop;
using TUnit.Core;
using static Socktest.Interop.SocketConstants;

namespace AotTests.Support;

/// <summary>Real loopback endpoints (127.0.0.1 and ::1) for the tests, opened through whatever calls they are given.
/// A machine without IPv6 loopback skips the inet6 cases instead of failing them.</summary>
public static class Loopback
{
    /// <summary>The loopback address of <paramref name="family"/>: "inet4" or "inet6".</summary>
    public static IPAddress AddressOf(string family) => family switch
    {
        "inet4" => IPAddress.Loopback,
        "inet6" => IPAddress.IPv6Loopback,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "inet4 or inet6"),
    };

    /// <summary>The OS's address family number for "inet4" or "inet6".</summary>
    public static int FamilyOf(string family) => family == "inet6" ? AF_INET6 : AF_INET;

    /// <summary>Opens a TCP listener on the loopback address of <paramref name="family"/>, port chosen by the kernel.</summary>
    /// <param name="calls">The calls to open it through (a switch, so the listener is counted).</param>
    /// <param name="family">"inet4" or "inet6".</param>
    /// <param name="address">The listener's native sockaddr, ready for <c>Connect</c>.</param>
    /// <returns>The listener's descriptor.</returns>
    public static int Listen(ISocketCalls calls, string family, out byte[] address)
    {
        int fd = Bound(calls, family, out address);
        if (calls.Listen(fd, 16) < 0)
        {
            throw new InvalidOperationException($"listen on {AddressOf(family)}: {Errno.Last()}");
        }

        return fd;
    }

    /// <summary>An address on loopback where nothing listens: a bound, never-listening socket the caller closes.</summary>
    /// <param name="family">"inet4" or "inet6".</param>
    /// <param name="address">Its native sockaddr; a connect there is refused by the kernel.</param>
    /// <returns>The bound socket's descriptor, opened straight through libc.</returns>
    public static int Unreachable(string family, out byte[] address) => Bound(ISocketCalls.Native, family, out address);

    private static int Bound(ISocketCalls calls, string family, out byte[] address)
    {
        int fd = calls.Socket(FamilyOf(family), SOCK_STREAM, IPPROTO_TCP);
        if (fd < 0)
        {
            var error = Errno.Last();
            Skip.When(error == Errno.EAFNOSUPPORT, $"{family} is not supported here");
            throw new InvalidOperationException($"socket({family}): {error}");
        }

        var endpoint = new IPEndPoint(AddressOf(family), 0).Serialize();
        address = endpoint.Buffer.Span[..endpoint.Size].ToArray();
        if (Libc.Bind(fd, address) < 0 || Libc.Getsockname(fd, address, out _) < 0)
        {
            var error = Errno.Last();
            calls.Close(fd);
            Skip.When(error == Errno.EADDRNOTAVAIL, $"{AddressOf(family)} is not configured here");
            throw new InvalidOperationException($"bind to {AddressOf(family)}: {error}");
        }

        return fd;
    }
}
