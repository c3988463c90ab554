using System.Runtime.InteropServices;

namespace Socktest.Infrastructure;

/// <summary>
/// One row of the socket table, indexed by descriptor number. Padded to a cache line so that two threads working on
/// neighbouring descriptors do not share one. <see cref="Cookie"/> and <see cref="Counters"/> change only while
/// <see cref="State"/> is <see cref="SlotState.Busy"/>; readers take them between two equal reads of the state.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 64)]
internal struct SocketSlot
{
    /// <summary>The packed <see cref="SlotState"/>.</summary>
    internal long State;

    /// <summary>The packed cookie of the tracked socket.</summary>
    internal ulong Cookie;

    /// <summary>The statistics of the tracked socket's cookie.</summary>
    internal StatCounters? Counters;
}
