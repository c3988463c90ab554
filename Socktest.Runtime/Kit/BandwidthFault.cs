using System;
using System.Collections.Concurrent;
using System.Globalization;
using Socktest.Engine;

namespace Socktest.Kit;

/// <summary>
/// <see cref="Faults.Bandwidth"/>: per socket, bytes move no faster than the rate. A call moves at most what a short
/// slice of time allows (<see cref="FilterResult.Limit(int)"/>) and books when the socket may move again; a call before
/// then is held (<see cref="ReadinessHold"/>, or a wait on its thread). What a call did not move is given back.
/// </summary>
internal sealed class BandwidthFault(long bytesPerSecond, TimeProvider time) : Fault
{
    // A call moves at most 10 ms of the rate (at least one byte), so a slow link trickles as a real one does.
    private readonly int _slice = (int)Math.Clamp(bytesPerSecond / 100, 1, int.MaxValue);
    private readonly ConcurrentDictionary<(int Fd, long Generation), Link> _links = new();

    protected override string Name => $"Bandwidth({bytesPerSecond.ToString(CultureInfo.InvariantCulture)})";

    protected override string Summary => Count(Seen, "call") + " seen";

    protected override FilterResult Decide(long call, Status status)
    {
        var link = _links.GetOrAdd((status.Descriptor, status.Generation), _ => new Link());
        while (true)
        {
            long now = time.GetTimestamp();
            long wait = link.WaitBefore(now);
            if (wait <= 0)
            {
                int allowed = Math.Max(1, Math.Min(status.Requested, _slice));
                link.Book(now, allowed, time.TimestampFrequency, bytesPerSecond);
                return FilterResult.Limit(allowed, after => Refund(link, allowed, after.Transferred));
            }

            var pause = TimeSpan.FromSeconds(wait / (double)time.TimestampFrequency);
            if (ReadinessHold.CanHold(status.Descriptor))
            {
                return ReadinessHold.For(status.Descriptor, pause, time);
            }

            Waits.Block(pause, time, SwitchCore.FilterEnding);
            if (SwitchCore.FilterEnding.IsCancellationRequested)
            {
                return FilterResult.Proceed;
            }
        }
    }

    private Errno Refund(Link link, int allowed, int moved)
    {
        link.Refund(allowed - Math.Max(moved, 0), time.TimestampFrequency, bytesPerSecond);
        return Errno.None;
    }

    /// <summary>One socket's link: the timestamp before which it may move nothing more.</summary>
    private sealed class Link
    {
        private long _free;

        public long WaitBefore(long now)
        {
            lock (this)
            {
                return _free - now;
            }
        }

        public void Book(long now, int bytes, long frequency, long rate)
        {
            lock (this)
            {
                _free = Math.Max(_free, now) + (long)(bytes * (double)frequency / rate);
            }
        }

        public void Refund(int bytes, long frequency, long rate)
        {
            lock (this)
            {
                _free -= (long)(bytes * (double)frequency / rate);
            }
        }
    }
}
