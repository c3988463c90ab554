using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Socktest.ProcessHooks;

/// <summary>
/// The native entry points written into the import slots, one per <see cref="HookedImportAttribute"/> call struct,
/// generated from it; this part holds what they share. Each routes its call (see <see cref="HookRoute"/>): a call no
/// switch owns goes straight to libc with nothing around it, so libc's errno is the caller's. A call its switch would
/// run through no filter goes straight to libc too, and is booked afterwards in that switch's engine
/// (<see cref="Booked{TCall}"/>). Any other call goes through <see cref="Switched{TCall}"/>, which leaves errno as libc
/// would (the call's on failure, the caller's on success) and lets no exception back into native code: a throwing
/// filter fails the call with EIO and is recorded.
/// </summary>
/// <remarks>Every entry point spells out the same three branches instead of calling a method that holds them: the JIT
/// does not inline a method with a <c>catch</c>, and each extra frame on the stack when libc enters the kernel costs a
/// return misprediction afterwards on kernels that refill the return stack buffer on every syscall
/// (docs/decisions/hook-entry-point-routing.md). Routing outside the <c>try</c> also lets the pass-through and unfiltered
/// calls be inlined P/Invokes rather than stubs (the JIT does not inline a P/Invoke inside a <c>try</c>). Routing and
/// an unfiltered call's <c>Begin</c> cannot throw: they read tables and statics (a close's <c>Begin</c> also marks its
/// slot closing with one compare-and-swap).</remarks>
internal static unsafe partial class HookEntryPoints
{
    /// <summary>A call through the switch that owns it, leaving errno as libc would: the call's on failure (the
    /// kernel's, or the one a filter injected), the caller's on success. POSIX leaves errno unspecified after a
    /// successful call, but the runtime reads it there (docs/decisions/errno-save-restore.md).</summary>
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
