namespace Socktest;

/// <summary>The status of a socket as the switch sees it, and as filters receive it.</summary>
/// <param name="Cookie">The socket's (family, type, protocol).</param>
/// <param name="Err">The errno of the socket call (set for after-filters), or <see cref="Errno.None"/>.</param>
/// <param name="SocketErr">The errno read by <c>GetsockoptInt</c> (SO_ERROR), or <see cref="Errno.None"/>.</param>
public readonly record struct Status(Cookie Cookie, Errno Err, Errno SocketErr)
{
    /// <summary>The descriptor the call is on (beyond Go; never part of <see cref="ToString"/>): the socket for
    /// Connect, Listen, GetsockoptInt and Close, the listener for Accept, and for Socket -1 before the call and the new
    /// descriptor in an after-filter of a successful call. In <see cref="ISocketSwitch.Sockets"/>, the key.</summary>
    public int Descriptor { get; init; } = -1;

    /// <summary>For <c>Send</c> and <c>Recv</c> (beyond Go; never part of <see cref="ToString"/> or equality): the
    /// number of bytes the caller asked to move, the buffer's length, before any <see cref="FilterResult.Limit(int)"/>.
    /// Under the process-wide switch, the total length of a <c>sendmsg</c>/<c>recvmsg</c>'s buffers. 0 for every other
    /// call.</summary>
    public int Requested { get; init; }

    /// <summary>For <c>Send</c> and <c>Recv</c>, in an after-filter (beyond Go; never part of <see cref="ToString"/> or
    /// equality): the number of bytes the call moved (0 when it failed, for a <c>Recv</c> at the end of the stream, and
    /// for a <c>Recv</c> with MSG_PEEK, which leaves the bytes it saw for the next receive). 0 before the call and for
    /// every other call.</summary>
    public int Transferred { get; init; }

    /// <summary>Which socket under <see cref="Descriptor"/> this is (beyond Go; never part of <see cref="ToString"/> or
    /// equality): 1 for the first socket the switch tracked under that descriptor number, 2 for the next one the kernel
    /// handed the same number, and so on. A filter that keeps state per socket keys it by (<see cref="Descriptor"/>,
    /// <see cref="Generation"/>), so a socket that gets a closed socket's number starts fresh (as
    /// <see cref="Faults.ResetAfter"/> does). 0 for a <c>Socket</c> call (on no socket yet, its after-filter included).
    /// In <see cref="ISocketSwitch.Sockets"/>, the tracked socket's generation.</summary>
    public long Generation { get; init; }

    /// <summary>Which socket of the switch this is (beyond Go; never part of <see cref="ToString"/> or equality): 1 for
    /// the first socket the switch opened or accepted, 2 for the second, and so on, in the order the switch booked them,
    /// whatever descriptor numbers the kernel gave them; so a retry's socket is never taken for the first one, even
    /// when it got the first one's number back. What <see cref="SocketMatch.NthSocket"/> matches. Set for the calls a
    /// filter sees on a tracked socket (for Accept, the listener's) and in <see cref="ISocketSwitch.Sockets"/>; 0 for a
    /// <c>Socket</c> call (on no socket yet, its after-filter included), for a socket handed to a scope with
    /// <c>Track</c> (opened elsewhere), and on the path that runs no filter. Per switch: each scope counts its
    /// own.</summary>
    public long SocketOrdinal { get; init; }

    /// <summary>Where the call goes or the socket is connected (beyond Go; never part of <see cref="ToString"/> or
    /// equality): for <c>Connect</c>, the destination the caller gave; for a call on a connected inet socket, its peer,
    /// read from the kernel (<c>getpeername</c>) when this property is read, so a filter that never reads it pays
    /// nothing. <see langword="null"/> for a socket that is not connected or not inet, for a <c>Socket</c> call, and on a
    /// switch whose inner implementation is not the kernel. What <see cref="SocketMatch.Peer"/> matches.</summary>
    public System.Net.EndPoint? Peer
    {
        get => _peer ?? (Cookie.Family == Interop.SocketConstants.AF_INET || Cookie.Family == Interop.SocketConstants.AF_INET6
            ? Interop.SocketAddresses.PeerOf(Descriptor)
            : null);
        init => _peer = value;
    }

    private readonly System.Net.EndPoint? _peer;

    /// <summary>For <c>GetsockoptInt</c> (beyond Go; never part of <see cref="ToString"/> or equality): the option's
    /// level, such as <see cref="Interop.SocketConstants.SOL_SOCKET"/>. 0 for every other call.</summary>
    public int Level { get; init; }

    /// <summary>For <c>GetsockoptInt</c> (beyond Go; never part of <see cref="ToString"/> or equality): the option read,
    /// such as <see cref="Interop.SocketConstants.SO_ERROR"/>. 0 for every other call.</summary>
    public int Option { get; init; }

    /// <summary>Go's equality: the cookie and the two errors. <see cref="Descriptor"/>, <see cref="Requested"/>,
    /// <see cref="Transferred"/>, <see cref="Generation"/>, <see cref="SocketOrdinal"/>, <see cref="Peer"/>, <see cref="Level"/> and
    /// <see cref="Option"/> say where and when a status was seen, not what it is, so two sockets of one kind in the
    /// same state compare equal, as Go's <c>Status</c> values do.</summary>
    /// <param name="other">The other status.</param>
    /// <returns>Whether cookie, <see cref="Err"/> and <see cref="SocketErr"/> are equal.</returns>
    public bool Equals(Status other) => Cookie == other.Cookie && Err == other.Err && SocketErr == other.SocketErr;

    /// <inheritdoc/>
    public override int GetHashCode() => System.HashCode.Combine(Cookie, Err, SocketErr);

    /// <summary>Go's text, byte for byte (<c>"(%s, %s, %s): syscallerr=%v socketerr=%v"</c>), each errno as Go prints
    /// a <c>syscall.Errno</c> on Linux and no error as <c>&lt;nil&gt;</c>:
    /// <c>(inet4, stream, tcp): syscallerr=&lt;nil&gt; socketerr=connection refused</c>.</summary>
    /// <returns>The status as text.</returns>
    public override string ToString()
        => $"{Cookie}: syscallerr={Describe(Err)} socketerr={Describe(SocketErr)}";

    private static string Describe(Errno errno) => errno.Value == 0 ? "<nil>" : errno.Message;
}
