using System;
using System.Runtime.InteropServices;

namespace Socktest.Interop;

/// <summary>
/// The libc socket calls that generated code (and tests) use, with libc's conventions: a result &gt;= 0 is
/// success, -1 is failure with the errno in <see cref="Marshal.GetLastPInvokeError"/>. Safe wrappers, so a
/// consumer needs no <c>AllowUnsafeBlocks</c>.
/// </summary>
/// <remarks>Each method is named after its libc function, first letter capitalised and the rest as libc spells it
/// (<c>getsockname</c> is <see cref="Getsockname"/>), with a suffix for the C type it is specialised to where libc's
/// call is generic (<c>getsockopt</c> for an <see langword="int"/> option is <see cref="GetsockoptInt"/>). These are
/// also the names <c>[SocketSyscalls]</c> recognises on an interface.</remarks>
public static unsafe partial class Libc
{
    private const string Library = "libc";

    /// <summary><c>socket(2)</c>.</summary>
    /// <param name="family">The address family.</param>
    /// <param name="type">The socket type, flags included.</param>
    /// <param name="protocol">The protocol number.</param>
    /// <returns>The new descriptor, or -1.</returns>
    public static int Socket(int family, int type, int protocol) => NativeMethods.socket(family, type, protocol);

    /// <summary><c>connect(2)</c>.</summary>
    /// <param name="fd">The socket.</param>
    /// <param name="address">The native sockaddr bytes.</param>
    /// <returns>0, or -1.</returns>
    public static int Connect(int fd, ReadOnlySpan<byte> address)
    {
        fixed (byte* pointer = address)
        {
            return NativeMethods.connect(fd, pointer, (uint)address.Length);
        }
    }

    /// <summary><c>bind(2)</c>.</summary>
    /// <param name="fd">The socket.</param>
    /// <param name="address">The native sockaddr bytes.</param>
    /// <returns>0, or -1.</returns>
    public static int Bind(int fd, ReadOnlySpan<byte> address)
    {
        fixed (byte* pointer = address)
        {
            return NativeMethods.bind(fd, pointer, (uint)address.Length);
        }
    }

    /// <summary><c>listen(2)</c>.</summary>
    /// <param name="fd">The socket.</param>
    /// <param name="backlog">The backlog.</param>
    /// <returns>0, or -1.</returns>
    public static int Listen(int fd, int backlog) => NativeMethods.listen(fd, backlog);

    /// <summary><c>accept(2)</c>.</summary>
    /// <param name="fd">The listening socket.</param>
    /// <param name="address">Receives the peer's sockaddr; may be empty.</param>
    /// <param name="addressLength">The peer address's full length (0 when <paramref name="address"/> is empty or on failure).</param>
    /// <returns>The accepted descriptor, or -1.</returns>
    public static int Accept(int fd, Span<byte> address, out int addressLength)
    {
        var peer = new PeerAddress(address);
        fixed (byte* pointer = address)
        {
            return peer.Complete(NativeMethods.accept(fd, peer.Buffer(pointer), peer.Length), out addressLength);
        }
    }

    /// <summary><c>accept4(2)</c> (Linux). <paramref name="flags"/> reaches the kernel unchanged.</summary>
    /// <param name="fd">The listening socket.</param>
    /// <param name="address">Receives the peer's sockaddr; may be empty.</param>
    /// <param name="addressLength">The peer address's full length (0 when <paramref name="address"/> is empty or on failure).</param>
    /// <param name="flags">SOCK_NONBLOCK and SOCK_CLOEXEC.</param>
    /// <returns>The accepted descriptor, or -1.</returns>
    public static int Accept4(int fd, Span<byte> address, out int addressLength, int flags)
    {
        var peer = new PeerAddress(address);
        fixed (byte* pointer = address)
        {
            return peer.Complete(NativeMethods.accept4(fd, peer.Buffer(pointer), peer.Length, flags), out addressLength);
        }
    }

    /// <summary><c>getsockopt(2)</c> for an <see langword="int"/> option.</summary>
    /// <param name="fd">The socket.</param>
    /// <param name="level">The level, such as SOL_SOCKET.</param>
    /// <param name="option">The option, such as SO_ERROR.</param>
    /// <param name="value">The value read (0 on failure).</param>
    /// <returns>0, or -1.</returns>
    public static int GetsockoptInt(int fd, int level, int option, out int value)
    {
        int result;
        int read = 0;
        uint length = sizeof(int);
        result = NativeMethods.getsockopt(fd, level, option, &read, &length);
        value = result < 0 ? 0 : read;
        return result;
    }

    /// <summary><c>setsockopt(2)</c> for an <see langword="int"/> option.</summary>
    /// <param name="fd">The socket.</param>
    /// <param name="level">The level, such as SOL_SOCKET.</param>
    /// <param name="option">The option, such as SO_REUSEADDR.</param>
    /// <param name="value">The value to set.</param>
    /// <returns>0, or -1.</returns>
    public static int SetsockoptInt(int fd, int level, int option, int value)
        => NativeMethods.setsockopt(fd, level, option, &value, sizeof(int));

    /// <summary><c>getsockname(2)</c>.</summary>
    /// <param name="fd">The socket.</param>
    /// <param name="address">Receives the local sockaddr.</param>
    /// <param name="addressLength">The local address's full length (0 on failure).</param>
    /// <returns>0, or -1.</returns>
    public static int Getsockname(int fd, Span<byte> address, out int addressLength)
        => ReadAddress(&NativeMethods.getsockname, fd, address, out addressLength);

    /// <summary><c>send(2)</c>.</summary>
    /// <param name="fd">The socket.</param>
    /// <param name="buffer">The bytes to send.</param>
    /// <param name="flags">MSG_* flags, such as MSG_NOSIGNAL.</param>
    /// <returns>The number of bytes sent (possibly fewer than <paramref name="buffer"/> holds), or -1.</returns>
    public static int Send(int fd, ReadOnlySpan<byte> buffer, int flags)
    {
        fixed (byte* pointer = buffer)
        {
            return (int)NativeMethods.send(fd, pointer, (nuint)buffer.Length, flags);
        }
    }

    /// <summary><c>recv(2)</c>.</summary>
    /// <param name="fd">The socket.</param>
    /// <param name="buffer">Receives the bytes.</param>
    /// <param name="flags">MSG_* flags, such as MSG_PEEK.</param>
    /// <returns>The number of bytes received, 0 at the end of the stream, or -1.</returns>
    public static int Recv(int fd, Span<byte> buffer, int flags)
    {
        fixed (byte* pointer = buffer)
        {
            return (int)NativeMethods.recv(fd, pointer, (nuint)buffer.Length, flags);
        }
    }

    /// <summary><c>shutdown(2)</c>.</summary>
    /// <param name="fd">The socket.</param>
    /// <param name="how">SHUT_RD (0), SHUT_WR (1) or SHUT_RDWR (2).</param>
    /// <returns>0, or -1.</returns>
    public static int Shutdown(int fd, int how) => NativeMethods.shutdown(fd, how);

    /// <summary><c>close(2)</c>.</summary>
    /// <param name="fd">The descriptor.</param>
    /// <returns>0, or -1.</returns>
    public static int Close(int fd) => NativeMethods.close(fd);

    private static partial class NativeMethods
    {
        [LibraryImport(Library, SetLastError = true)]
        internal static partial int socket(int family, int type, int protocol);

        [LibraryImport(Library, SetLastError = true)]
        internal static partial int connect(int fd, byte* address, uint addressLength);

        [LibraryImport(Library, SetLastError = true)]
        internal static partial int bind(int fd, byte* address, uint addressLength);

        [LibraryImport(Library, SetLastError = true)]
        internal static partial int listen(int fd, int backlog);

        [LibraryImport(Library, SetLastError = true)]
        internal static partial int accept(int fd, byte* address, uint* addressLength);

        [LibraryImport(Library, SetLastError = true)]
        internal static partial int accept4(int fd, byte* address, uint* addressLength, int flags);

        [LibraryImport(Library, SetLastError = true)]
        internal static partial int getsockopt(int fd, int level, int option, void* value, uint* valueLength);

        [LibraryImport(Library, SetLastError = true)]
        internal static partial int setsockopt(int fd, int level, int option, void* value, uint valueLength);

        [LibraryImport(Library, SetLastError = true)]
        internal static partial int getsockname(int fd, byte* address, uint* addressLength);

        [LibraryImport(Library, SetLastError = true)]
        internal static partial nint send(int fd, byte* buffer, nuint length, int flags);

        [LibraryImport(Library, SetLastError = true)]
        internal static partial nint recv(int fd, byte* buffer, nuint length, int flags);

        [LibraryImport(Library, SetLastError = true)]
        internal static partial int shutdown(int fd, int how);

        [LibraryImport(Library, SetLastError = true)]
        internal static partial int close(int fd);
    }
}
