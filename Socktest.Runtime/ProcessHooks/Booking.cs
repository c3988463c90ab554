using Socktest.Engine;

namespace Socktest.ProcessHooks;

/// <summary>What an unfiltered call needs booked after the C library returns.</summary>
/// <param name="books">Whether there is anything to book.</param>
/// <param name="counters">The socket's counters, when the switch tracks it.</param>
/// <param name="generation">For a close: the generation it marked closing.</param>
internal readonly struct Booking(bool books, StatCounters? counters, long generation)
{
    /// <summary>Nothing to book: the switch does not track the descriptor, or the call counts nothing.</summary>
    public static Booking None => default;

    /// <summary>Whether there is anything to book.</summary>
    public bool Books => books;

    /// <summary>The socket's counters, when the switch tracks it.</summary>
    public StatCounters? Counters => counters;

    /// <summary>For a close: the generation it marked closing.</summary>
    public long Generation => generation;

    /// <summary>A booking for the tracked socket whose counters are <paramref name="counters"/>, if any.</summary>
    public static Booking Of(StatCounters? counters) => new(counters is not null, counters, 0);
}
