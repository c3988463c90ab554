using System;
using System.Globalization;
using System.Threading;

namespace Socktest.Kit;

/// <summary><see cref="Faults.Delay"/>: blocks the calling thread, then lets the call proceed.</summary>
internal sealed class DelayFault(TimeSpan delay, TimeProvider time) : Fault
{
    protected override string Name
        => ReferenceEquals(time, TimeProvider.System)
            ? $"Delay({delay.ToString("c", CultureInfo.InvariantCulture)})"
            : $"Delay({delay.ToString("c", CultureInfo.InvariantCulture)}, on its TimeProvider)";

    protected override string Summary => Count(Seen, "call") + " delayed";

    protected override FilterResult Decide(long call, Status status)
    {
        if (delay <= TimeSpan.Zero)
        {
            return default;
        }

        if (ReferenceEquals(time, TimeProvider.System))
        {
            // No timer: a timer's callback needs a thread-pool thread, and the filter may be blocking one of the last.
            Thread.Sleep(delay);
            return default;
        }

        // Any other provider (a FakeTimeProvider) decides when the time has passed: wait for its timer to fire.
        using var elapsed = new ManualResetEventSlim(initialState: false);
        using (time.CreateTimer(static state => ((ManualResetEventSlim)state!).Set(), elapsed, delay, Timeout.InfiniteTimeSpan))
        {
            elapsed.Wait();
        }

        return default;
    }
}

/// <summary><see cref="Faults.When"/>: runs the inner filter only for the calls the predicate matches.</summary>
internal sealed class WhenFault(Func<Status, bool> predicate, Filter filter) : Fault
{
    private long _matched;

    protected override string Name => "When(...)";

    protected override string Summary
    {
        get
        {
            string inner = filter.Target is Fault fault ? fault.ToString() : "a filter";
            return $"{Interlocked.Read(ref _matched).ToString(CultureInfo.InvariantCulture)} of {Count(Seen, "call")} matched, by {inner}";
        }
    }

    protected override FilterResult Decide(long call, Status status)
    {
        if (!predicate(status))
        {
            return default;
        }

        Interlocked.Increment(ref _matched);
        return filter(status);
    }
}
