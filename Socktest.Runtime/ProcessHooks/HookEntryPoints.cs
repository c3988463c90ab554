using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Socktest.ProcessHooks;

/// <summary>
/// The native entry points written into the import slots. Each routes its call (see <see cref="HookRoute"/>): a call
/// no switch owns goes straight to libc with nothing around it, so libc's errno is the caller's. A call its switch
/// would run through no filter goes straight to libc too, and is booked afterwards in that switch's engine
/// (<see cref="Booked{TCall}"/>). Any other call goes through <see cref="Switched{TCall}"/>, which leaves errno as libc
/// would (the call's on failure, the caller's on success) and lets no exception back into native code: a throwing
/// filter fails the call with EIO and is recorded.
/// </summary>
/// <remarks>Every entry point spells out the same three branches instead of sharing a method that holds them: the JIT
/// does not inline a method with a <c>catch</c>, and each frame still on the stack when libc enters the kernel costs
/// its return a misprediction afterwards (about 11 ns on a VM whose kernel refills the return stack buffer on every
/// syscall, measured in docs/benchmarks.md). Routing outside the <c>try</c> also lets the pass-through call be an
/// inlined P/Invoke rather than a stub (the JIT does not inline a P/Invoke inside a <c>try</c>); so is the unfiltered
/// call, whose booking comes after it. Routing and an unfiltered call's <c>Begin</c> cannot throw: they read tables
/// and statics (a close's <c>Begin</c> also marks its slot closing with one compare-and-swap).</remarks>
internal static unsafe class HookEntryPoints
{
    [UnmanagedCallersOnly]
    public static int Socket(int family, int type, int protocol)
    {
        var call = new SocketCall(family, type, protocol);
        var route = call.Route();
        if (route.Owner is null)
        {
            return (int)call.Pass(route.Originals);
        }

        if (route.Owner.Core.Unfiltered(call.Type))
        {
            var booking = call.Begin(route.Owner.Core);
            return (int)Booked(call, route, booking, call.Direct(route.Originals));
        }

        try
        {
            return (int)Switched(call, route);
        }
        catch (Exception exception)
        {
            return (int)Fault(route, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int Connect(int fd, byte* address, uint addressLength)
    {
        var call = new ConnectCall(fd, address, addressLength);
        var route = call.Route();
        if (route.Owner is null)
        {
            return (int)call.Pass(route.Originals);
        }

        if (route.Owner.Core.Unfiltered(call.Type))
        {
            var booking = call.Begin(route.Owner.Core);
            return (int)Booked(call, route, booking, call.Direct(route.Originals));
        }

        try
        {
            return (int)Switched(call, route);
        }
        catch (Exception exception)
        {
            return (int)Fault(route, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int Listen(int fd, int backlog)
    {
        var call = new ListenCall(fd, backlog);
        var route = call.Route();
        if (route.Owner is null)
        {
            return (int)call.Pass(route.Originals);
        }

        if (route.Owner.Core.Unfiltered(call.Type))
        {
            var booking = call.Begin(route.Owner.Core);
            return (int)Booked(call, route, booking, call.Direct(route.Originals));
        }

        try
        {
            return (int)Switched(call, route);
        }
        catch (Exception exception)
        {
            return (int)Fault(route, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int Accept(int fd, byte* address, uint* addressLength)
    {
        var call = new AcceptCall(fd, address, addressLength);
        var route = call.Route();
        if (route.Owner is null)
        {
            return (int)call.Pass(route.Originals);
        }

        if (route.Owner.Core.Unfiltered(call.Type))
        {
            var booking = call.Begin(route.Owner.Core);
            return (int)Booked(call, route, booking, call.Direct(route.Originals));
        }

        try
        {
            return (int)Switched(call, route);
        }
        catch (Exception exception)
        {
            return (int)Fault(route, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int Accept4(int fd, byte* address, uint* addressLength, int flags)
    {
        var call = new Accept4Call(fd, address, addressLength, flags);
        var route = call.Route();
        if (route.Owner is null)
        {
            return (int)call.Pass(route.Originals);
        }

        if (route.Owner.Core.Unfiltered(call.Type))
        {
            var booking = call.Begin(route.Owner.Core);
            return (int)Booked(call, route, booking, call.Direct(route.Originals));
        }

        try
        {
            return (int)Switched(call, route);
        }
        catch (Exception exception)
        {
            return (int)Fault(route, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int Getsockopt(int fd, int level, int option, void* value, uint* valueLength)
    {
        var call = new GetsockoptCall(fd, level, option, value, valueLength);
        var route = call.Route();
        if (route.Owner is null)
        {
            return (int)call.Pass(route.Originals);
        }

        if (route.Owner.Core.Unfiltered(call.Type))
        {
            var booking = call.Begin(route.Owner.Core);
            return (int)Booked(call, route, booking, call.Direct(route.Originals));
        }

        try
        {
            return (int)Switched(call, route);
        }
        catch (Exception exception)
        {
            return (int)Fault(route, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int Close(int fd)
    {
        var call = new CloseCall(fd);
        var route = call.Route();
        if (route.Owner is null)
        {
            return (int)call.Pass(route.Originals);
        }

        if (route.Owner.Core.Unfiltered(call.Type))
        {
            var booking = call.Begin(route.Owner.Core);
            return (int)Booked(call, route, booking, call.Direct(route.Originals));
        }

        try
        {
            return (int)Switched(call, route);
        }
        catch (Exception exception)
        {
            return (int)Fault(route, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int Bind(int fd, byte* address, uint addressLength)
    {
        var call = new BindCall(fd, address, addressLength);
        var route = call.Route();
        if (route.Owner is null)
        {
            return (int)call.Pass(route.Originals);
        }

        if (route.Owner.Core.Unfiltered(call.Type))
        {
            var booking = call.Begin(route.Owner.Core);
            return (int)Booked(call, route, booking, call.Direct(route.Originals));
        }

        try
        {
            return (int)Switched(call, route);
        }
        catch (Exception exception)
        {
            return (int)Fault(route, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static int Shutdown(int fd, int how)
    {
        var call = new ShutdownCall(fd, how);
        var route = call.Route();
        if (route.Owner is null)
        {
            return (int)call.Pass(route.Originals);
        }

        if (route.Owner.Core.Unfiltered(call.Type))
        {
            var booking = call.Begin(route.Owner.Core);
            return (int)Booked(call, route, booking, call.Direct(route.Originals));
        }

        try
        {
            return (int)Switched(call, route);
        }
        catch (Exception exception)
        {
            return (int)Fault(route, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static nint Send(int fd, byte* buffer, nuint length, int flags)
    {
        var call = new SendCall(fd, buffer, length, flags);
        var route = call.Route();
        if (route.Owner is null)
        {
            return call.Pass(route.Originals);
        }

        if (route.Owner.Core.Unfiltered(call.Type))
        {
            var booking = call.Begin(route.Owner.Core);
            return Booked(call, route, booking, call.Direct(route.Originals));
        }

        try
        {
            return Switched(call, route);
        }
        catch (Exception exception)
        {
            return Fault(route, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static nint Recv(int fd, byte* buffer, nuint length, int flags)
    {
        var call = new RecvCall(fd, buffer, length, flags);
        var route = call.Route();
        if (route.Owner is null)
        {
            return call.Pass(route.Originals);
        }

        if (route.Owner.Core.Unfiltered(call.Type))
        {
            var booking = call.Begin(route.Owner.Core);
            return Booked(call, route, booking, call.Direct(route.Originals));
        }

        try
        {
            return Switched(call, route);
        }
        catch (Exception exception)
        {
            return Fault(route, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static nint Sendmsg(int fd, MessageHeader* message, int flags)
    {
        var call = new SendmsgCall(fd, message, flags);
        var route = call.Route();
        if (route.Owner is null)
        {
            return call.Pass(route.Originals);
        }

        if (route.Owner.Core.Unfiltered(call.Type))
        {
            var booking = call.Begin(route.Owner.Core);
            return Booked(call, route, booking, call.Direct(route.Originals));
        }

        try
        {
            return Switched(call, route);
        }
        catch (Exception exception)
        {
            return Fault(route, exception);
        }
    }

    [UnmanagedCallersOnly]
    public static nint Recvmsg(int fd, MessageHeader* message, int flags)
    {
        var call = new RecvmsgCall(fd, message, flags);
        var route = call.Route();
        if (route.Owner is null)
        {
            return call.Pass(route.Originals);
        }

        if (route.Owner.Core.Unfiltered(call.Type))
        {
            var booking = call.Begin(route.Owner.Core);
            return Booked(call, route, booking, call.Direct(route.Originals));
        }

        try
        {
            return Switched(call, route);
        }
        catch (Exception exception)
        {
            return Fault(route, exception);
        }
    }

    /// <summary>A call through the switch that owns it, leaving errno as libc would: the call's on failure (the
    /// kernel's, or the one a filter injected), the caller's on success. Leaving errno as the switch left it on success
    /// (POSIX leaves it unspecified then) was tried to save the two calls into System.Native: a UDP test then lost a
    /// counted send in about three runs of four, so something on the runtime's path reads errno after a successful
    /// call, and the save and restore stay.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Switched<TCall>(TCall call, HookRoute route)
        where TCall : struct, IHookedCall
    {
        int saved = Marshal.GetLastSystemError();
        int result = call.Run(route);
        Marshal.SetLastSystemError(result < 0 ? Marshal.GetLastPInvokeError() : saved);
        return result;
    }

    /// <summary>Books a call made straight to libc on the unfiltered path (see <see cref="Engine.SwitchCore.Unfiltered"/>),
    /// leaving errno as libc left it. Compiled fully optimised at once, as the entry points are: a tiered method would
    /// run unoptimised code for the first hooked calls of every test process.</summary>
    /// <remarks>Booking allocates only when the table grows or a cookie is new. Should it throw (out of memory), the
    /// call has still been made: its result stands, and the exception is recorded on the switch as a filter's would
    /// be.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nint Booked<TCall>(TCall call, HookRoute route, in Booking booking, nint result)
        where TCall : struct, IHookedCall
    {
        if (!booking.Books)
        {
            return result;
        }

        int errno = Marshal.GetLastSystemError();
        try
        {
            call.Book(route, booking, result);
        }
        catch (Exception exception)
        {
            route.Owner?.RecordFault(exception);
        }

        Marshal.SetLastSystemError(errno);
        return result;
    }

    /// <summary>A call the switch threw in: recorded on the switch, failed with EIO.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static nint Fault(HookRoute route, Exception exception)
    {
        route.Owner?.RecordFault(exception);
        Marshal.SetLastSystemError(Errno.EIO.Value);
        return -1;
    }
}
