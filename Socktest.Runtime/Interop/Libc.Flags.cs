using System.Runtime.InteropServices;

namespace Socktest.Interop;

// fcntl(F_GETFL), to tell a blocking socket from a non-blocking one: internal, since the switch does not wrap it.
public static unsafe partial class Libc
{
    /// <summary>Whether <paramref name="fd"/> is in non-blocking mode (<c>O_NONBLOCK</c>); <see langword="false"/> when
    /// its flags cannot be read. The caller's errno is left as it was.</summary>
    /// <param name="fd">The descriptor.</param>
    /// <returns>Whether a call on it returns EAGAIN instead of waiting.</returns>
    internal static bool IsNonBlocking(int fd)
    {
        int saved = Marshal.GetLastPInvokeError();
        int flags = NativeMethods.fcntl(fd, SocketConstants.F_GETFL, 0);
        Marshal.SetLastPInvokeError(saved);
        return flags >= 0 && (flags & SocketConstants.O_NONBLOCK) != 0;
    }

    private static partial class NativeMethods
    {
        [LibraryImport(Library, SetLastError = true)]
        internal static partial int fcntl(int fd, int command, int argument);
    }
}
