using System;
using System.Runtime.InteropServices;

namespace Socktest.ProcessHooks;

/// <summary>
/// The native entry points written into the import slots. Each hands its arguments to <see cref="Guard{TCall}"/>,
/// which routes the call to the switch that owns it (see <see cref="HookRoute"/>) or straight to libc, and leaves
/// errno as libc would: the call's errno on failure, the caller's on success. No exception may cross back into native code, so a throwing
/// filter fails the call with EIO and is recorded.
/// </summary>
internal static unsafe class HookEntryPoints
{
    [UnmanagedCallersOnly]
    public static int Socket(int family, int type, int protocol) => (int)Guard(new SocketCall(family, type, protocol));

    [UnmanagedCallersOnly]
    public static int Connect(int fd, byte* address, uint addressLength) => (int)Guard(new ConnectCall(fd, address, addressLength));

    [UnmanagedCallersOnly]
    public static int Listen(int fd, int backlog) => (int)Guard(new ListenCall(fd, backlog));

    [UnmanagedCallersOnly]
    public static int Accept(int fd, byte* address, uint* addressLength) => (int)Guard(new AcceptCall(fd, address, addressLength));

    [UnmanagedCallersOnly]
    public static int Accept4(int fd, byte* address, uint* addressLength, int flags)
        => (int)Guard(new Accept4Call(fd, address, addressLength, flags));

    [UnmanagedCallersOnly]
    public static int Getsockopt(int fd, int level, int option, void* value, uint* valueLength)
        => (int)Guard(new GetsockoptCall(fd, level, option, value, valueLength));

    [UnmanagedCallersOnly]
    public static int Close(int fd) => (int)Guard(new CloseCall(fd));

    [UnmanagedCallersOnly]
    public static int Bind(int fd, byte* address, uint addressLength) => (int)Guard(new BindCall(fd, address, addressLength));

    [UnmanagedCallersOnly]
    public static int Shutdown(int fd, int how) => (int)Guard(new ShutdownCall(fd, how));

    [UnmanagedCallersOnly]
    public static nint Send(int fd, byte* buffer, nuint length, int flags) => Guard(new SendCall(fd, buffer, length, flags));

    [UnmanagedCallersOnly]
    public static nint Recv(int fd, byte* buffer, nuint length, int flags) => Guard(new RecvCall(fd, buffer, length, flags));

    [UnmanagedCallersOnly]
    public static nint Sendmsg(int fd, MessageHeader* message, int flags) => Guard(new SendmsgCall(fd, message, flags));

    [UnmanagedCallersOnly]
    public static nint Recvmsg(int fd, MessageHeader* message, int flags) => Guard(new RecvmsgCall(fd, message, flags));

    /// <summary>The one wrapper every entry point shares: errno in and out, and no exception back into native code.
    /// A call no switch owns goes straight to libc with nothing around it: libc's errno is then the caller's, and
    /// saving and restoring it would cost two calls into System.Native for nothing.</summary>
    private static nint Guard<TCall>(TCall call)
        where TCall : struct, IHookedCall
    {
        var route = default(HookRoute);
        int saved = 0;
        try
        {
            route = call.Route();
            if (route.Owner is null)
            {
                return call.Pass(route.Originals);
            }

            saved = Marshal.GetLastSystemError();
            int result = call.Run(route);
            Marshal.SetLastSystemError(result < 0 ? Marshal.GetLastPInvokeError() : saved);
            return result;
        }
        catch (Exception exception)
        {
            route.Owner?.RecordFault(exception);
            Marshal.SetLastSystemError(Errno.EIO.Value);
            return -1;
        }
    }
}
