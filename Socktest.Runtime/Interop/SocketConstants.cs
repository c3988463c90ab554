namespace Socktest.Interop;

/// <summary>
/// Socket constants of the operating system the process runs on (Linux or macOS), for building calls and
/// reading results; the values differ between the two, so they are chosen at run time.
/// </summary>
public static class SocketConstants
{
    /// <summary>AF_UNSPEC: unspecified address family.</summary>
    public static int AF_UNSPEC => 0;

    /// <summary>AF_UNIX (AF_LOCAL): local sockets.</summary>
    public static int AF_UNIX => 1;

    /// <summary>AF_INET: IPv4.</summary>
    public static int AF_INET => 2;

    /// <summary>AF_INET6: IPv6 (10 on Linux, 30 on macOS).</summary>
    public static int AF_INET6 { get; } = Platform.Pick(10, 30);

    /// <summary>SOCK_STREAM.</summary>
    public static int SOCK_STREAM => 1;

    /// <summary>SOCK_DGRAM.</summary>
    public static int SOCK_DGRAM => 2;

    /// <summary>SOCK_RAW.</summary>
    public static int SOCK_RAW => 3;

    /// <summary>SOCK_SEQPACKET.</summary>
    public static int SOCK_SEQPACKET => 5;

    /// <summary>SOCK_NONBLOCK, a type flag (Linux only; 0 on macOS, which has no such flag).</summary>
    public static int SOCK_NONBLOCK { get; } = Platform.Pick(0x800, 0);

    /// <summary>SOCK_CLOEXEC, a type flag (Linux only; 0 on macOS, which has no such flag).</summary>
    public static int SOCK_CLOEXEC { get; } = Platform.Pick(0x80000, 0);

    /// <summary>IPPROTO_TCP.</summary>
    public static int IPPROTO_TCP => 6;

    /// <summary>IPPROTO_UDP.</summary>
    public static int IPPROTO_UDP => 17;

    /// <summary>SOL_SOCKET: the socket-level option level (1 on Linux, 0xffff on macOS).</summary>
    public static int SOL_SOCKET { get; } = Platform.Pick(1, 0xffff);

    /// <summary>SO_REUSEADDR (2 on Linux, 4 on macOS).</summary>
    public static int SO_REUSEADDR { get; } = Platform.Pick(2, 0x0004);

    /// <summary>SO_TYPE (3 on Linux, 0x1008 on macOS).</summary>
    public static int SO_TYPE { get; } = Platform.Pick(3, 0x1008);

    /// <summary>SO_ERROR (4 on Linux, 0x1007 on macOS).</summary>
    public static int SO_ERROR { get; } = Platform.Pick(4, 0x1007);

    /// <summary>SO_PROTOCOL (38; Linux only, as the process-wide switch that reads it).</summary>
    public static int SO_PROTOCOL => 38;

    /// <summary>SO_DOMAIN (39; Linux only, as the process-wide switch that reads it).</summary>
    public static int SO_DOMAIN => 39;

    /// <summary>F_GETFL for <c>fcntl</c>.</summary>
    public static int F_GETFL => 3;

    /// <summary>F_SETFL for <c>fcntl</c>.</summary>
    public static int F_SETFL => 4;

    /// <summary>O_NONBLOCK (0x800 on Linux, 0x4 on macOS).</summary>
    public static int O_NONBLOCK { get; } = Platform.Pick(0x800, 0x0004);

    /// <summary>MSG_DONTWAIT for <c>send</c>/<c>recv</c>: this call does not block (0x40 on Linux, 0x80 on macOS).</summary>
    public static int MSG_DONTWAIT { get; } = Platform.Pick(0x40, 0x80);

    /// <summary>MSG_PEEK for <c>recv</c>/<c>recvmsg</c>: return the waiting bytes without taking them from the queue (2 on
    /// Linux and macOS).</summary>
    public static int MSG_PEEK => 2;

    /// <summary>MSG_NOSIGNAL for <c>send</c>: EPIPE instead of SIGPIPE (0x4000 on Linux; macOS has no such flag: 0).</summary>
    public static int MSG_NOSIGNAL { get; } = Platform.Pick(0x4000, 0);

    /// <summary>SHUT_RD for <c>shutdown</c>: no more receptions.</summary>
    public static int SHUT_RD => 0;

    /// <summary>SHUT_WR for <c>shutdown</c>: no more transmissions (the peer reads the end of the stream).</summary>
    public static int SHUT_WR => 1;

    /// <summary>SHUT_RDWR for <c>shutdown</c>: neither.</summary>
    public static int SHUT_RDWR => 2;
}
