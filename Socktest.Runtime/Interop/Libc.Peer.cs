using System;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;

namespace Socktest.Interop;

// getpeername(2), for the port matchers of SocketMatch: internal, since the switch does not wrap it and no user code
// needs it from here; and the one body of getsockname and getpeername.
public static unsafe partial class Libc
{
    /// <summary><c>getpeername(2)</c>.</summary>
    /// <param name="fd">The socket.</param>
    /// <param name="address">Receives the peer's sockaddr.</param>
    /// <param name="addressLength">The peer address's full length (0 on failure).</param>
    /// <returns>0, or -1 (ENOTCONN for a socket that is not connected).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Getpeername(int fd, Span<byte> address, out int addressLength)
        => ReadAddress(&NativeMethods.getpeername, fd, address, out addressLength);

    /// <summary>A call that writes a sockaddr and its length (<c>getsockname</c>, <c>getpeername</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ReadAddress(delegate*<int, byte*, uint*, int> call, int fd, Span<byte> address, out int addressLength)
    {
        uint length = (uint)address.Length;
        int result;
        fixed (byte* pointer = address)
        {
            result = call(fd, pointer, &length);
        }

        addressLength = result < 0 ? 0 : (int)length;
        return result;
    }

    private static partial class NativeMethods
    {
        [LibraryImport(Library, SetLastError = true)]
        internal static partial int getpeername(int fd, byte* address, uint* addressLength);
    }
}
