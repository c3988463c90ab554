using System;
using System.Collections.Concurrent;
using System.Globalization;
using Socktest.Engine;

namespace Socktest.Kit;

/// <summary>
/// <see cref="Faults.Latency"/>: each data call goes on a seeded delay after it first reaches the filter. On a socket the
/// runtime uses asynchronously under the process-wide switch, the call gets EAGAIN meanwhile and a timer re-signals the
/// socket's readiness when the delay is over (<see cref="ReadinessHold"/>), so no thread waits; any other call waits on its
/// own thread, ending early if its switch ends.
/// </summary>
internal sealed class LatencyFault(TimeSpan mean, TimeSpan jitter, int seed, TimeProvider time) : Fault
{
    // Per socket (descriptor, generation): when its delayed call may go on, in the provider's timestamps.
    private readonly ConcurrentDictionary<(int Fd, long Generation), long> _due = new();

    protected override string Name
    {
        get
        {
            string text = "Latency(" + mean.ToString("c", CultureInfo.InvariantCulture);
            text += jitter > TimeSpan.Zero ? ", jitter: " + jitter.ToString("c", CultureInfo.InvariantCulture) + ", seed: " + seed.ToString(CultureInfo.InvariantCulture) : string.Empty;
            return text + (ReferenceEquals(time, TimeProvider.System) ? ")" : ", on its TimeProvider)");
        }
    }

    protected override string Summary => Count(Seen, "call") + " seen";

    protected override FilterResult Decide(long call, Status status)
    {
        var key = (Fd: status.Descriptor, status.Generation);
        long now = time.GetTimestamp();
        if (_due.TryGetValue(key, out long due))
        {
            if (now >= due)
            {
                _due.TryRemove(key, out _);
                return FilterResult.Proceed;
            }

            return ReadinessHold.For(key.Fd, Ticks(due - now), time);
        }

        var delay = DelayOf(call);
        if (delay <= TimeSpan.Zero)
        {
            return FilterResult.Proceed;
        }

        if (!ReadinessHold.CanHold(status.Descriptor))
        {
            Waits.Block(delay, time, SwitchCore.FilterEnding);
            return FilterResult.Proceed;
        }

        _due[key] = now + Math.Max((long)(delay.TotalSeconds * time.TimestampFrequency), 1);
        return ReadinessHold.For(key.Fd, delay, time);
    }

    private TimeSpan Ticks(long timestamps) => TimeSpan.FromSeconds(timestamps / (double)time.TimestampFrequency);

    /// <summary>The delay of call <paramref name="call"/>: the mean, moved by up to the jitter either way, seeded.</summary>
    private TimeSpan DelayOf(long call)
    {
        if (jitter <= TimeSpan.Zero)
        {
            return mean;
        }

        double offset = (SplitMix.Draw(seed, call) * 2) - 1;
        var delay = mean + TimeSpan.FromTicks((long)(jitter.Ticks * offset));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
