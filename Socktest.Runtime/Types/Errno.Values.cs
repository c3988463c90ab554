// The numbers live in Interop/ErrnoTable.cs; each member reads its own row by name (ErrnoTableTests ties the two).
using Socktest.Interop;

namespace Socktest;

public readonly partial struct Errno
{
    /// <summary>EPERM: operation not permitted.</summary>
    public static Errno EPERM { get; } = new(ErrnoTable.ValueOf(nameof(EPERM)));

    /// <summary>ENOENT: no such file or directory.</summary>
    public static Errno ENOENT { get; } = new(ErrnoTable.ValueOf(nameof(ENOENT)));

    /// <summary>EINTR: interrupted system call.</summary>
    public static Errno EINTR { get; } = new(ErrnoTable.ValueOf(nameof(EINTR)));

    /// <summary>EIO: input/output error.</summary>
    public static Errno EIO { get; } = new(ErrnoTable.ValueOf(nameof(EIO)));

    /// <summary>EBADF: bad file descriptor.</summary>
    public static Errno EBADF { get; } = new(ErrnoTable.ValueOf(nameof(EBADF)));

    /// <summary>EAGAIN: resource temporarily unavailable.</summary>
    public static Errno EAGAIN { get; } = new(ErrnoTable.ValueOf(nameof(EAGAIN)));

    /// <summary>ENOMEM: cannot allocate memory.</summary>
    public static Errno ENOMEM { get; } = new(ErrnoTable.ValueOf(nameof(ENOMEM)));

    /// <summary>EACCES: permission denied.</summary>
    public static Errno EACCES { get; } = new(ErrnoTable.ValueOf(nameof(EACCES)));

    /// <summary>EFAULT: bad address.</summary>
    public static Errno EFAULT { get; } = new(ErrnoTable.ValueOf(nameof(EFAULT)));

    /// <summary>EINVAL: invalid argument.</summary>
    public static Errno EINVAL { get; } = new(ErrnoTable.ValueOf(nameof(EINVAL)));

    /// <summary>ENFILE: too many open files in system.</summary>
    public static Errno ENFILE { get; } = new(ErrnoTable.ValueOf(nameof(ENFILE)));

    /// <summary>EMFILE: too many open files.</summary>
    public static Errno EMFILE { get; } = new(ErrnoTable.ValueOf(nameof(EMFILE)));

    /// <summary>ENOSPC: no space left on device.</summary>
    public static Errno ENOSPC { get; } = new(ErrnoTable.ValueOf(nameof(ENOSPC)));

    /// <summary>EPIPE: broken pipe.</summary>
    public static Errno EPIPE { get; } = new(ErrnoTable.ValueOf(nameof(EPIPE)));

    /// <summary>ENOSYS: function not implemented.</summary>
    public static Errno ENOSYS { get; } = new(ErrnoTable.ValueOf(nameof(ENOSYS)));

    /// <summary>ENOTSOCK: socket operation on non-socket.</summary>
    public static Errno ENOTSOCK { get; } = new(ErrnoTable.ValueOf(nameof(ENOTSOCK)));

    /// <summary>EDESTADDRREQ: destination address required.</summary>
    public static Errno EDESTADDRREQ { get; } = new(ErrnoTable.ValueOf(nameof(EDESTADDRREQ)));

    /// <summary>EMSGSIZE: message too long.</summary>
    public static Errno EMSGSIZE { get; } = new(ErrnoTable.ValueOf(nameof(EMSGSIZE)));

    /// <summary>EPROTOTYPE: protocol wrong type for socket.</summary>
    public static Errno EPROTOTYPE { get; } = new(ErrnoTable.ValueOf(nameof(EPROTOTYPE)));

    /// <summary>ENOPROTOOPT: protocol not available.</summary>
    public static Errno ENOPROTOOPT { get; } = new(ErrnoTable.ValueOf(nameof(ENOPROTOOPT)));

    /// <summary>EPROTONOSUPPORT: protocol not supported.</summary>
    public static Errno EPROTONOSUPPORT { get; } = new(ErrnoTable.ValueOf(nameof(EPROTONOSUPPORT)));

    /// <summary>ESOCKTNOSUPPORT: socket type not supported.</summary>
    public static Errno ESOCKTNOSUPPORT { get; } = new(ErrnoTable.ValueOf(nameof(ESOCKTNOSUPPORT)));

    /// <summary>EOPNOTSUPP: operation not supported.</summary>
    public static Errno EOPNOTSUPP { get; } = new(ErrnoTable.ValueOf(nameof(EOPNOTSUPP)));

    /// <summary>EPFNOSUPPORT: protocol family not supported.</summary>
    public static Errno EPFNOSUPPORT { get; } = new(ErrnoTable.ValueOf(nameof(EPFNOSUPPORT)));

    /// <summary>EAFNOSUPPORT: address family not supported by protocol.</summary>
    public static Errno EAFNOSUPPORT { get; } = new(ErrnoTable.ValueOf(nameof(EAFNOSUPPORT)));

    /// <summary>EADDRINUSE: address already in use.</summary>
    public static Errno EADDRINUSE { get; } = new(ErrnoTable.ValueOf(nameof(EADDRINUSE)));

    /// <summary>EADDRNOTAVAIL: cannot assign requested address.</summary>
    public static Errno EADDRNOTAVAIL { get; } = new(ErrnoTable.ValueOf(nameof(EADDRNOTAVAIL)));

    /// <summary>ENETDOWN: network is down.</summary>
    public static Errno ENETDOWN { get; } = new(ErrnoTable.ValueOf(nameof(ENETDOWN)));

    /// <summary>ENETUNREACH: network is unreachable.</summary>
    public static Errno ENETUNREACH { get; } = new(ErrnoTable.ValueOf(nameof(ENETUNREACH)));

    /// <summary>ENETRESET: network dropped connection on reset.</summary>
    public static Errno ENETRESET { get; } = new(ErrnoTable.ValueOf(nameof(ENETRESET)));

    /// <summary>ECONNABORTED: software caused connection abort.</summary>
    public static Errno ECONNABORTED { get; } = new(ErrnoTable.ValueOf(nameof(ECONNABORTED)));

    /// <summary>ECONNRESET: connection reset by peer.</summary>
    public static Errno ECONNRESET { get; } = new(ErrnoTable.ValueOf(nameof(ECONNRESET)));

    /// <summary>ENOBUFS: no buffer space available.</summary>
    public static Errno ENOBUFS { get; } = new(ErrnoTable.ValueOf(nameof(ENOBUFS)));

    /// <summary>EISCONN: transport endpoint is already connected.</summary>
    public static Errno EISCONN { get; } = new(ErrnoTable.ValueOf(nameof(EISCONN)));

    /// <summary>ENOTCONN: transport endpoint is not connected.</summary>
    public static Errno ENOTCONN { get; } = new(ErrnoTable.ValueOf(nameof(ENOTCONN)));

    /// <summary>ESHUTDOWN: cannot send after transport endpoint shutdown.</summary>
    public static Errno ESHUTDOWN { get; } = new(ErrnoTable.ValueOf(nameof(ESHUTDOWN)));

    /// <summary>ETIMEDOUT: connection timed out.</summary>
    public static Errno ETIMEDOUT { get; } = new(ErrnoTable.ValueOf(nameof(ETIMEDOUT)));

    /// <summary>ECONNREFUSED: connection refused.</summary>
    public static Errno ECONNREFUSED { get; } = new(ErrnoTable.ValueOf(nameof(ECONNREFUSED)));

    /// <summary>EHOSTDOWN: host is down.</summary>
    public static Errno EHOSTDOWN { get; } = new(ErrnoTable.ValueOf(nameof(EHOSTDOWN)));

    /// <summary>EHOSTUNREACH: no route to host.</summary>
    public static Errno EHOSTUNREACH { get; } = new(ErrnoTable.ValueOf(nameof(EHOSTUNREACH)));

    /// <summary>EALREADY: operation already in progress.</summary>
    public static Errno EALREADY { get; } = new(ErrnoTable.ValueOf(nameof(EALREADY)));

    /// <summary>EINPROGRESS: operation now in progress.</summary>
    public static Errno EINPROGRESS { get; } = new(ErrnoTable.ValueOf(nameof(EINPROGRESS)));
}
