// This file's table is the one place that knows errno numbers; Linux and macOS values side by side.
namespace Socktest;

public readonly partial struct Errno
{
    /// <summary>EPERM: Operation not permitted (Linux 1, macOS 1).</summary>
    public static Errno EPERM { get; } = new(Interop.Platform.Pick(1, 1));

    /// <summary>ENOENT: No such file or directory (Linux 2, macOS 2).</summary>
    public static Errno ENOENT { get; } = new(Interop.Platform.Pick(2, 2));

    /// <summary>EINTR: Interrupted system call (Linux 4, macOS 4).</summary>
    public static Errno EINTR { get; } = new(Interop.Platform.Pick(4, 4));

    /// <summary>EIO: Input/output error (Linux 5, macOS 5).</summary>
    public static Errno EIO { get; } = new(Interop.Platform.Pick(5, 5));

    /// <summary>EBADF: Bad file descriptor (Linux 9, macOS 9).</summary>
    public static Errno EBADF { get; } = new(Interop.Platform.Pick(9, 9));

    /// <summary>EAGAIN: Resource temporarily unavailable (also EWOULDBLOCK) (Linux 11, macOS 35).</summary>
    public static Errno EAGAIN { get; } = new(Interop.Platform.Pick(11, 35));

    /// <summary>ENOMEM: Cannot allocate memory (Linux 12, macOS 12).</summary>
    public static Errno ENOMEM { get; } = new(Interop.Platform.Pick(12, 12));

    /// <summary>EACCES: Permission denied (Linux 13, macOS 13).</summary>
    public static Errno EACCES { get; } = new(Interop.Platform.Pick(13, 13));

    /// <summary>EFAULT: Bad address (Linux 14, macOS 14).</summary>
    public static Errno EFAULT { get; } = new(Interop.Platform.Pick(14, 14));

    /// <summary>EINVAL: Invalid argument (Linux 22, macOS 22).</summary>
    public static Errno EINVAL { get; } = new(Interop.Platform.Pick(22, 22));

    /// <summary>ENFILE: Too many open files in system (Linux 23, macOS 23).</summary>
    public static Errno ENFILE { get; } = new(Interop.Platform.Pick(23, 23));

    /// <summary>EMFILE: Too many open files (Linux 24, macOS 24).</summary>
    public static Errno EMFILE { get; } = new(Interop.Platform.Pick(24, 24));

    /// <summary>ENOSPC: No space left on device (Linux 28, macOS 28).</summary>
    public static Errno ENOSPC { get; } = new(Interop.Platform.Pick(28, 28));

    /// <summary>EPIPE: Broken pipe (Linux 32, macOS 32).</summary>
    public static Errno EPIPE { get; } = new(Interop.Platform.Pick(32, 32));

    /// <summary>ENOSYS: Function not implemented (Linux 38, macOS 78).</summary>
    public static Errno ENOSYS { get; } = new(Interop.Platform.Pick(38, 78));

    /// <summary>ENOTSOCK: Socket operation on non-socket (Linux 88, macOS 38).</summary>
    public static Errno ENOTSOCK { get; } = new(Interop.Platform.Pick(88, 38));

    /// <summary>EDESTADDRREQ: Destination address required (Linux 89, macOS 39).</summary>
    public static Errno EDESTADDRREQ { get; } = new(Interop.Platform.Pick(89, 39));

    /// <summary>EMSGSIZE: Message too long (Linux 90, macOS 40).</summary>
    public static Errno EMSGSIZE { get; } = new(Interop.Platform.Pick(90, 40));

    /// <summary>EPROTOTYPE: Protocol wrong type for socket (Linux 91, macOS 41).</summary>
    public static Errno EPROTOTYPE { get; } = new(Interop.Platform.Pick(91, 41));

    /// <summary>ENOPROTOOPT: Protocol not available (Linux 92, macOS 42).</summary>
    public static Errno ENOPROTOOPT { get; } = new(Interop.Platform.Pick(92, 42));

    /// <summary>EPROTONOSUPPORT: Protocol not supported (Linux 93, macOS 43).</summary>
    public static Errno EPROTONOSUPPORT { get; } = new(Interop.Platform.Pick(93, 43));

    /// <summary>ESOCKTNOSUPPORT: Socket type not supported (Linux 94, macOS 44).</summary>
    public static Errno ESOCKTNOSUPPORT { get; } = new(Interop.Platform.Pick(94, 44));

    /// <summary>EOPNOTSUPP: Operation not supported (Linux 95, macOS 102).</summary>
    public static Errno EOPNOTSUPP { get; } = new(Interop.Platform.Pick(95, 102));

    /// <summary>EPFNOSUPPORT: Protocol family not supported (Linux 96, macOS 46).</summary>
    public static Errno EPFNOSUPPORT { get; } = new(Interop.Platform.Pick(96, 46));

    /// <summary>EAFNOSUPPORT: Address family not supported by protocol (Linux 97, macOS 47).</summary>
    public static Errno EAFNOSUPPORT { get; } = new(Interop.Platform.Pick(97, 47));

    /// <summary>EADDRINUSE: Address already in use (Linux 98, macOS 48).</summary>
    public static Errno EADDRINUSE { get; } = new(Interop.Platform.Pick(98, 48));

    /// <summary>EADDRNOTAVAIL: Cannot assign requested address (Linux 99, macOS 49).</summary>
    public static Errno EADDRNOTAVAIL { get; } = new(Interop.Platform.Pick(99, 49));

    /// <summary>ENETDOWN: Network is down (Linux 100, macOS 50).</summary>
    public static Errno ENETDOWN { get; } = new(Interop.Platform.Pick(100, 50));

    /// <summary>ENETUNREACH: Network is unreachable (Linux 101, macOS 51).</summary>
    public static Errno ENETUNREACH { get; } = new(Interop.Platform.Pick(101, 51));

    /// <summary>ENETRESET: Network dropped connection on reset (Linux 102, macOS 52).</summary>
    public static Errno ENETRESET { get; } = new(Interop.Platform.Pick(102, 52));

    /// <summary>ECONNABORTED: Software caused connection abort (Linux 103, macOS 53).</summary>
    public static Errno ECONNABORTED { get; } = new(Interop.Platform.Pick(103, 53));

    /// <summary>ECONNRESET: Connection reset by peer (Linux 104, macOS 54).</summary>
    public static Errno ECONNRESET { get; } = new(Interop.Platform.Pick(104, 54));

    /// <summary>ENOBUFS: No buffer space available (Linux 105, macOS 55).</summary>
    public static Errno ENOBUFS { get; } = new(Interop.Platform.Pick(105, 55));

    /// <summary>EISCONN: Transport endpoint is already connected (Linux 106, macOS 56).</summary>
    public static Errno EISCONN { get; } = new(Interop.Platform.Pick(106, 56));

    /// <summary>ENOTCONN: Transport endpoint is not connected (Linux 107, macOS 57).</summary>
    public static Errno ENOTCONN { get; } = new(Interop.Platform.Pick(107, 57));

    /// <summary>ESHUTDOWN: Cannot send after transport endpoint shutdown (Linux 108, macOS 58).</summary>
    public static Errno ESHUTDOWN { get; } = new(Interop.Platform.Pick(108, 58));

    /// <summary>ETIMEDOUT: Connection timed out (Linux 110, macOS 60).</summary>
    public static Errno ETIMEDOUT { get; } = new(Interop.Platform.Pick(110, 60));

    /// <summary>ECONNREFUSED: Connection refused (Linux 111, macOS 61).</summary>
    public static Errno ECONNREFUSED { get; } = new(Interop.Platform.Pick(111, 61));

    /// <summary>EHOSTDOWN: Host is down (Linux 112, macOS 64).</summary>
    public static Errno EHOSTDOWN { get; } = new(Interop.Platform.Pick(112, 64));

    /// <summary>EHOSTUNREACH: No route to host (Linux 113, macOS 65).</summary>
    public static Errno EHOSTUNREACH { get; } = new(Interop.Platform.Pick(113, 65));

    /// <summary>EALREADY: Operation already in progress (Linux 114, macOS 37).</summary>
    public static Errno EALREADY { get; } = new(Interop.Platform.Pick(114, 37));

    /// <summary>EINPROGRESS: Operation now in progress (Linux 115, macOS 36).</summary>
    public static Errno EINPROGRESS { get; } = new(Interop.Platform.Pick(115, 36));
}
