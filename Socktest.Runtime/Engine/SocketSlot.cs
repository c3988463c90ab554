using System.Runtime.InteropServices;

namespace Socktest.Engine;

/// <summary>
/// One row of the socket table, indexed by descriptor number. Padded to a cache line so that two threads working on
/// neighbouring descriptors do not share one. <see cref="Cookie"/> and <see cref="Counters"/> change only while
/// <see cref="State"/> is <see cref="SlotState.Busy"/>; readers take them between two equal reads of the state. An empty slot keeps its last socket's cookie and counters, which
/// mean nothing until a socket takes the slot again.
/// </summary>
/// <remarks>The runtime lays out a struct that holds a reference as it likes and ignores
/// <see cref="StructLayoutAttribute.Size"/>, so the padding is spelled out.</remarks>
[StructLayout(LayoutKind.Sequential)]
internal struct SocketSlot
{
    /// <summary>The packed <see cref="SlotState"/>.</summary>
    internal long State;

    /// <summary>The packed cookie of the tracked socket.</summary>
    internal ulong Cookie;

    /// <summary>The statistics of the tracked socket's cookie.</summary>
    internal StatCounters? Counters;

    /// <summary>Which socket this is among those the switch opened or accepted, in the order it booked them
    /// (<see cref="Status.SocketOrdinal"/>); 0 for a socket handed over without being opened here. Written while
    /// <see cref="State"/> is <see cref="SlotState.Busy"/>.</summary>
    internal long Ordinal;

#pragma warning disable CS0169 // Padding to 64 bytes: never read or written.
    private long _pad1;
    private long _pad2;
    private long _pad3;
    private long _pad4;
#pragma warning restore CS0169
}
