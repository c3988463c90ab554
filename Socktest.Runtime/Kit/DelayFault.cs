using System;
using System.Globalization;
using System.Threading;

namespace Socktest.Kit;

/// <summary><see cref="Faults.Delay"/>: blocks the calling thread, then lets the call proceed; the wait ends early when
/// the switch whose filter this is ends, or when the runtime disposes the call's socket.</summary>
internal sealed class DelayFault(TimeSpan delay, TimeProvider time) : Fault
{
    protected override string Name
        => ReferenceEquals(time, TimeProvider.System)
            ? $"Delay({delay.ToString("c", CultureInfo.InvariantCulture)})"
            : $"Delay({delay.ToString("c", CultureInfo.InvariantCulture)}, on its TimeProvider)";

    protected override string Summary => Count(Seen, "call") + " delayed";

    protected override FilterResult Decide(long call, Status status)
    {
        if (status.Descriptor < 0)
        {
            Waits.Block(delay, time, Engine.SwitchCore.FilterEnding);
            return default;
        }

        // Disposing the socket ends the wait too: the runtime unblocks the call before it closes the descriptor.
        using var watch = ProcessHooks.DescriptorAborts.Watch(status.Descriptor, out var aborted);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(Engine.SwitchCore.FilterEnding, aborted);
        Waits.Block(delay, time, either.Token);
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

    /// <summary>The inner ready-made filter's hazard: the predicate may pick every call.</summary>
    internal override string? RuntimeHazard(FilterType type) => (filter.Target as Fault)?.RuntimeHazard(type);
}
