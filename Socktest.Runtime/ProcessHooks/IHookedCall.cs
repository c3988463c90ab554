using System.Runtime.InteropServices;
using Socktest.Engine;

namespace Socktest.ProcessHooks;

/// <summary>
/// One intercepted libc call with its native arguments: a struct per call, so that the generated entry points run every
/// one through the same three branches (<see cref="HookEntryPoints"/>) without a delegate or an allocation. The
/// struct says only what is particular to its call: where it is routed, how it reaches libc, and which of the
/// engine's <c>Begin</c>, <c>End</c> and <c>Book</c> methods bracket it. What a call counts is written once, in
/// <see cref="SwitchCore"/>.
/// </summary>
internal interface IHookedCall
{
    /// <summary>Where the call goes: decided by its descriptor, or for a new socket by the calling flow.</summary>
    HookRoute Route();

    /// <summary>The kind of call: when the route's switch has no filter of this type (and records no trace), the hook
    /// makes the call itself and books it (see <see cref="SwitchCore.Unfiltered"/>).</summary>
    FilterType Type { get; }

    /// <summary>Makes the call straight to libc, for a socket no switch owns: libc's result, and libc's errno left as
    /// it is.</summary>
    nint Pass(OriginalSocketCalls originals);

    /// <summary>Makes the call straight to libc with the caller's own arguments; a data call moves at most
    /// <paramref name="limit"/> bytes unless it is negative.</summary>
    nint Direct(OriginalSocketCalls originals, int limit);

    /// <summary>Before an unfiltered call: looks up what its booking needs, as <see cref="Enter"/> would (a close marks
    /// its socket closing here). Cannot throw.</summary>
    Booking Begin(SwitchCore core);

    /// <summary>Books an unfiltered call as <see cref="Finish"/> would with no after-filter; called only when
    /// <see cref="Begin"/>'s booking <see cref="Booking.Books"/>.</summary>
    void Book(HookRoute route, in Booking booking, nint result);

    /// <summary>Makes the call through the route's switch (see <see cref="EngineCalls.Run{TCall}"/>): on failure the
    /// errno is in <see cref="Marshal.GetLastPInvokeError"/>.</summary>
    int Run(HookRoute route);

    /// <summary>The engine's <c>Begin</c> for this call: looks the socket up and runs its filter.</summary>
    CallDisposition Enter(SwitchCore core, out SwitchCall call);

    /// <summary>The engine's <c>End</c> for this call: its after-filter, then its booking.</summary>
    int Finish(SwitchCore core, ref SwitchCall call, int result);
}
