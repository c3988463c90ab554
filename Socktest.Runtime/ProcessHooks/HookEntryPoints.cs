using System;
using System.Runtime.InteropServices;

namespace Socktest.ProcessHooks;

/// <summary>
/// The native entry points written into the import slots. Each saves the caller's errno, routes the call through
/// the active switch, and leaves errno as libc would: the call's errno on failure, the caller's on success.
/// No exception may cross back into native code, so a throwing filter fails the call with EIO and is recorded.
/// </summary>
internal static unsafe class HookEntryPoints
{
    private const int AfUnspec = 0;

    /// <summary>The installation calls go to. A call reads it once, so a call in flight while the hook is removed
    /// finishes on the switch it started with; one arriving after removal goes straight to the originals.</summary>
    internal static volatile ProcessSocketsScope? Active;

    /// <summary>The originals of the last installation, for calls that arrive after it was removed.</summary>
    internal static volatile OriginalSocketCalls? LastOriginals;

    [UnmanagedCallersOnly]
    public static int Socket(int family, int type, int protocol)
    {
        int saved = Marshal.GetLastSystemError();
        var scope = Active;
        try
        {
            return Finish(Calls(scope).Socket(family, type, protocol), saved);
        }
        catch (Exception exception)
        {
            return Fault(scope, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int Connect(int fd, byte* address, uint addressLength)
    {
        int saved = Marshal.GetLastSystemError();
        var scope = Active;
        var span = new ReadOnlySpan<byte>(address, address is null ? 0 : (int)addressLength);
        try
        {
            // Socket.Disconnect, and disposal during a blocked receive, dissolve the association with
            // connect(AF_UNSPEC): not a connection attempt, so it is neither filtered nor counted.
            bool dissolve = span.Length >= 2 && MemoryMarshal.Read<ushort>(span) == AfUnspec;
            var calls = dissolve ? Originals(scope) : Calls(scope);
            return Finish(calls.Connect(fd, span), saved);
        }
        catch (Exception exception)
        {
            return Fault(scope, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int Listen(int fd, int backlog)
    {
        int saved = Marshal.GetLastSystemError();
        var scope = Active;
        try
        {
            return Finish(Calls(scope).Listen(fd, backlog), saved);
        }
        catch (Exception exception)
        {
            return Fault(scope, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int Accept(int fd, byte* address, uint* addressLength)
        => AcceptCore(fd, address, addressLength, flags: -1);

    [UnmanagedCallersOnly]
    public static int Accept4(int fd, byte* address, uint* addressLength, int flags)
        => AcceptCore(fd, address, addressLength, flags);

    [UnmanagedCallersOnly]
    public static int Getsockopt(int fd, int level, int option, void* value, uint* valueLength)
    {
        int saved = Marshal.GetLastSystemError();
        var scope = Active;
        try
        {
            // Only int-sized options fit GetsockoptInt; structures (SO_LINGER, TCP_INFO, ...) pass straight through.
            if (value is null || valueLength is null || *valueLength != sizeof(int))
            {
                return Originals(scope).GetsockoptFunction(fd, level, option, value, valueLength);
            }

            int result = Calls(scope).GetsockoptInt(fd, level, option, out int read);
            if (result < 0 && IsPendingSocketError(level, option, Marshal.GetLastPInvokeError()))
            {
                // .NET maps a failed SO_ERROR read to a generic SocketError; a connection errno injected there is
                // meant as the socket's pending error, so hand it over the way the kernel reports one.
                read = Marshal.GetLastPInvokeError();
                result = 0;
            }

            if (result >= 0)
            {
                *(int*)value = read;
                *valueLength = sizeof(int);
            }

            return Finish(result, saved);
        }
        catch (Exception exception)
        {
            return Fault(scope, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int Close(int fd)
    {
        int saved = Marshal.GetLastSystemError();
        var scope = Active;
        try
        {
            return Finish(Calls(scope).Close(fd), saved);
        }
        catch (Exception exception)
        {
            return Fault(scope, exception);
        }
    }

    private static int AcceptCore(int fd, byte* address, uint* addressLength, int flags)
    {
        int saved = Marshal.GetLastSystemError();
        var scope = Active;
        try
        {
            int capacity = address is null || addressLength is null ? 0 : (int)*addressLength;
            var span = new Span<byte>(address, capacity);
            var calls = Calls(scope);
            int length;
            int result = flags == -1 ? calls.Accept(fd, span, out length) : calls.Accept4(fd, span, out length, flags);
            if (result >= 0 && capacity > 0)
            {
                *addressLength = (uint)length;
            }

            return Finish(result, saved);
        }
        catch (Exception exception)
        {
            return Fault(scope, exception);
        }
    }

    /// <summary>Whether a failed <c>getsockopt(SOL_SOCKET, SO_ERROR)</c> carries a connection error rather than one of
    /// the errors only the call itself can raise.</summary>
    private static bool IsPendingSocketError(int level, int option, int errno)
        => level == Interop.SocketConstants.SOL_SOCKET && option == Interop.SocketConstants.SO_ERROR
           && errno != Errno.EBADF.Value && errno != Errno.ENOTSOCK.Value && errno != Errno.EFAULT.Value
           && errno != Errno.EINVAL.Value && errno != Errno.ENOPROTOOPT.Value;

    private static IProcessSocketCalls Calls(ProcessSocketsScope? scope) => scope is null ? Originals(null) : scope.Switch;

    private static OriginalSocketCalls Originals(ProcessSocketsScope? scope)
        => scope?.Originals ?? LastOriginals ?? throw new InvalidOperationException("A Socktest hook ran before any installation.");

    private static int Finish(int result, int savedErrno)
    {
        Marshal.SetLastSystemError(result < 0 ? Marshal.GetLastPInvokeError() : savedErrno);
        return result;
    }

    private static int Fault(ProcessSocketsScope? scope, Exception exception)
    {
        scope?.RecordFault(exception);
        Marshal.SetLastSystemError(Errno.EIO.Value);
        return -1;
    }
}
