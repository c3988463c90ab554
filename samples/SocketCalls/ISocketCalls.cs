using System;

namespace Socktest.Samples;

/// <summary>
/// The socket calls the samples make. Production code passes <c>ISocketCalls.Native</c>; tests and the demo pass a
/// <see cref="SocketCallsSwitch"/> to inject faults and check statistics and leaks. Each call follows libc: a result
/// &gt;= 0 is success, -1 is failure with the errno in <see cref="System.Runtime.InteropServices.Marshal.GetLastPInvokeError"/>.
/// </summary>
[SocketSyscalls]
public partial interface ISocketCalls
{
    /// <summary><c>socket(2)</c>.</summary>
    /// <param name="family">The address family.</param>
    /// <param name="type">The socket type, flags included.</param>
    /// <param name="protocol">The protocol number.</param>
    /// <returns>The new descriptor, or -1.</returns>
    int Socket(int family, int type, int protocol);

    /// <summary><c>connect(2)</c>.</summary>
    /// <param name="fd">The socket.</param>
    /// <param name="address">The native sockaddr bytes.</param>
    /// <returns>0, or -1 (EINPROGRESS for a non-blocking socket whose connect is under way).</returns>
    int Connect(int fd, ReadOnlySpan<byte> address);

    /// <summary><c>listen(2)</c>.</summary>
    /// <param name="fd">The bound socket.</param>
    /// <param name="backlog">The backlog.</param>
    /// <returns>0, or -1.</returns>
    int Listen(int fd, int backlog);

    /// <summary><c>accept(2)</c>.</summary>
    /// <param name="fd">The listening socket.</param>
    /// <param name="address">Receives the peer's sockaddr; may be empty.</param>
    /// <param name="addressLength">The peer address's length.</param>
    /// <returns>The accepted descriptor, or -1.</returns>
    int Accept(int fd, Span<byte> address, out int addressLength);

    /// <summary><c>accept4(2)</c>.</summary>
    /// <param name="fd">The listening socket.</param>
    /// <param name="address">Receives the peer's sockaddr; may be empty.</param>
    /// <param name="addressLength">The peer address's length.</param>
    /// <param name="flags">SOCK_NONBLOCK and SOCK_CLOEXEC.</param>
    /// <returns>The accepted descriptor, or -1.</returns>
    int Accept4(int fd, Span<byte> address, out int addressLength, int flags);

    /// <summary><c>getsockopt(2)</c> for an <see langword="int"/> option.</summary>
    /// <param name="fd">The socket.</param>
    /// <param name="level">The level, such as SOL_SOCKET.</param>
    /// <param name="option">The option, such as SO_ERROR.</param>
    /// <param name="value">The value read.</param>
    /// <returns>0, or -1.</returns>
    int GetsockoptInt(int fd, int level, int option, out int value);

    /// <summary><c>close(2)</c>.</summary>
    /// <param name="fd">The descriptor.</param>
    /// <returns>0, or -1.</returns>
    int Close(int fd);
}
