using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace Socktest.Samples.Dialing;

/// <summary>
/// Where the racing attempts of one dial hand in their results, after Go's <c>dialParallel</c>: once the dial has
/// returned, a late result is refused and the racer closes its socket itself; results handed in but never taken
/// are closed when the dial returns. Either way no connected socket is left behind.
/// </summary>
internal sealed class Race(ISocketCalls calls)
{
    private readonly object _gate = new();
    private readonly Queue<(Attempt Attempt, bool Primary)> _results = new();
    private bool _returned;

    /// <summary>Hands in a racer's result.</summary>
    /// <returns><see langword="false"/> when the dial has already returned: the racer must close its socket.</returns>
    public bool TryDeliver(Attempt attempt, bool primary)
    {
        lock (_gate)
        {
            if (_returned)
            {
                return false;
            }

            _results.Enqueue((attempt, primary));
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    /// <summary>Takes the next result, waiting at most <paramref name="timeout"/> (infinite: <see cref="Timeout.InfiniteTimeSpan"/>).</summary>
    public bool TryTake(TimeSpan timeout, out Attempt attempt, out bool primary)
    {
        var waited = Stopwatch.StartNew();
        lock (_gate)
        {
            while (_results.Count == 0)
            {
                TimeSpan left = timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : timeout - waited.Elapsed;
                if (left != Timeout.InfiniteTimeSpan && left <= TimeSpan.Zero)
                {
                    attempt = default;
                    primary = false;
                    return false;
                }

                Monitor.Wait(_gate, left);
            }

            (attempt, primary) = _results.Dequeue();
            return true;
        }
    }

    /// <summary>Marks the dial as returned and closes every connected socket handed in but not taken.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            _returned = true;
            while (_results.TryDequeue(out var late))
            {
                if (late.Attempt.Succeeded)
                {
                    calls.Close(late.Attempt.Fd);
                }
            }
        }
    }
}
