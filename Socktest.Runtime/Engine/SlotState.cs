namespace Socktest.Engine;

/// <summary>
/// The packed state word of one <see cref="SocketSlot"/>: a phase in the low two bits and the slot's generation above
/// them. The generation grows each time a new socket takes the slot, so a stale closer can tell its socket apart
/// from a later one that got the same descriptor number.
/// </summary>
internal static class SlotState
{
    /// <summary>No socket is tracked under this descriptor number.</summary>
    internal const long Empty = 0;

    /// <summary>A socket is tracked.</summary>
    internal const long Open = 1;

    /// <summary>A socket is tracked and a close of it is in flight.</summary>
    internal const long Closing = 2;

    /// <summary>A writer owns the slot and is changing it together with the statistics; readers wait.</summary>
    internal const long Busy = 3;

    private const long PhaseMask = 3;

    /// <summary>The phase of <paramref name="state"/>.</summary>
    internal static long Phase(long state) => state & PhaseMask;

    /// <summary>The generation of <paramref name="state"/>.</summary>
    internal static long Generation(long state) => state >> 2;

    /// <summary>Packs a generation and a phase.</summary>
    internal static long Make(long generation, long phase) => (generation << 2) | phase;

    /// <summary>Whether the slot tracks a socket (open, or with a close in flight).</summary>
    internal static bool IsTracked(long state) => Phase(state) is Open or Closing;
}
