using System;
using Socktest.Interop;

namespace Socktest;

/// <summary>
/// Predicates over a <see cref="Status"/>, for <see cref="Faults.When"/> (which calls a fault applies to) and for
/// the <c>ignore</c> of <see cref="SocketSwitchExtensions.AssertNoLeaks"/> (which open sockets are excused).
/// </summary>
/// <remarks>The family, type and protocol predicates read the cookie only. The port predicates ask the kernel about
/// <see cref="Status.Descriptor"/> (<c>getsockname</c>, <c>getpeername</c>) each time they run, and leave the caller's
/// errno as it was; they match inet4 and inet6 sockets only.</remarks>
public static class SocketMatch
{
    /// <summary>The datagram sockets the .NET runtime opens and closes at once to learn which protocols the machine
    /// supports, on the first use of <c>System.Net.Sockets</c> (inet6, inet4 and local, protocol 0), as the
    /// process-wide switch sees them. For <see cref="SocketSwitchExtensions.AssertNoLeaks"/> under
    /// <see cref="ProcessSockets.Install"/>: they leave the report, statistics line included. It matches every datagram
    /// socket of those families opened with protocol 0 (<c>default</c>); a UDP socket opened with
    /// <c>ProtocolType.Udp</c> has protocol 17 and is still checked.</summary>
    public static Func<Status, bool> RuntimeProbes { get; } = static status =>
        (status.Cookie.Type & 0xff) == SocketConstants.SOCK_DGRAM
        && status.Cookie.Protocol == 0
        && (status.Cookie.Family == SocketConstants.AF_INET
            || status.Cookie.Family == SocketConstants.AF_INET6
            || status.Cookie.Family == SocketConstants.AF_UNIX);

    /// <summary>Every call on the <paramref name="n"/>-th socket (1-based) that the switch opened or accepted, in the
    /// order it booked them (<see cref="Status.SocketOrdinal"/>), whatever descriptor number the kernel gave it: so
    /// <c>Faults.When(SocketMatch.NthSocket(1), Faults.Fail(Errno.ECONNRESET))</c> on Recv resets the first connection and not its
    /// retry, even when the retry's socket got the first one's number back. On an Accept filter the call is on the
    /// listener, so it matches the accepts of the <paramref name="n"/>-th socket when that is a listener. A
    /// <c>Socket</c> call is on no socket yet and never matches. Sockets are counted per switch: under
    /// <see cref="ProcessSockets"/>, each scope counts its own, from 1.</summary>
    /// <param name="n">Which socket: 1 is the first.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public static Func<Status, bool> NthSocket(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return status => status.SocketOrdinal == n;
    }

    /// <summary>Sockets of one address family.</summary>
    /// <param name="family">Such as <see cref="SocketConstants.AF_INET6"/>.</param>
    /// <returns>The predicate.</returns>
    public static Func<Status, bool> Family(int family) => status => status.Cookie.Family == family;

    /// <summary>Sockets of one base type, whatever their flags: as Go names the type, by its low 8 bits, so
    /// <c>SOCK_STREAM</c> matches a socket opened with <c>SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC</c> too (and flags
    /// passed here are ignored).</summary>
    /// <param name="type">Such as <see cref="SocketConstants.SOCK_STREAM"/>.</param>
    /// <returns>The predicate.</returns>
    public static Func<Status, bool> Type(int type)
    {
        int baseType = type & 0xff;
        return status => (status.Cookie.Type & 0xff) == baseType;
    }

    /// <summary>Sockets opened with one protocol number. Only its low 8 bits count, as in the cookie; 0 matches only
    /// sockets opened with 0 (<c>default</c>), not the TCP sockets the kernel chose for them.</summary>
    /// <param name="protocol">Such as <see cref="SocketConstants.IPPROTO_TCP"/>.</param>
    /// <returns>The predicate.</returns>
    public static Func<Status, bool> Protocol(int protocol)
    {
        int cookieProtocol = protocol & 0xff;
        return status => status.Cookie.Protocol == cookieProtocol;
    }

    /// <summary>Inet sockets bound to <paramref name="port"/> (<c>getsockname</c>). For an Accept filter that is the
    /// listener, so this picks the accepts of one server; a Socket filter's call is on no socket yet and never matches.</summary>
    /// <param name="port">The local port, 1 to 65535.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not a port number.</exception>
    public static Func<Status, bool> LocalPort(int port)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return status => SocketPorts.Local(status) == port;
    }

    /// <summary>Inet sockets connecting or connected to a peer's <paramref name="port"/> (<see cref="Status.Peer"/>): a
    /// Connect to it, and the calls a connected socket makes afterwards (<c>GetsockoptInt</c>, <c>Close</c>, data
    /// calls).</summary>
    /// <param name="port">The peer's port, 1 to 65535.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not a port number.</exception>
    public static Func<Status, bool> RemotePort(int port)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return status => status.Peer is System.Net.IPEndPoint peer && peer.Port == port;
    }

    /// <summary>Calls to or on a connection with <paramref name="peer"/>: a Connect whose destination it is, and the
    /// calls a socket connected to it makes afterwards (<see cref="Status.Peer"/>). An IPv4 endpoint also matches its
    /// IPv4-mapped IPv6 form, as a dual-mode socket connects to it.</summary>
    /// <param name="peer">The peer's address and port.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="peer"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="peer"/> is not an <see cref="System.Net.IPEndPoint"/>
    /// (a host name is looked up before any connect; match the address it gives).</exception>
    public static Func<Status, bool> Peer(System.Net.EndPoint peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (peer is not System.Net.IPEndPoint endPoint)
        {
            throw new ArgumentException(
                $"SocketMatch.Peer takes an IPEndPoint; {peer} is a {peer.GetType().Name}, and a socket connects to addresses, not names: match the address the name maps to.",
                nameof(peer));
        }

        var wanted = Normalised(endPoint);
        return status => status.Peer is System.Net.IPEndPoint seen && Normalised(seen).Equals(wanted);
    }

    private static System.Net.IPEndPoint Normalised(System.Net.IPEndPoint endPoint)
        => endPoint.Address.IsIPv4MappedToIPv6 ? new System.Net.IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;
}
