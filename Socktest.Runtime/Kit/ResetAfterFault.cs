using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;
using Socktest.Engine;

namespace Socktest.Kit;

/// <summary>
/// <see cref="Faults.ResetAfter"/>: per socket, lets exactly <c>bytes</c> bytes move, then resets the connection
/// (<see cref="Faults.Reset"/>), or, on a switch that does not reach the kernel, fails every data call with
/// <c>ECONNRESET</c>.
/// </summary>
/// <remarks>
/// <para>Sockets are told apart by (<see cref="Status.Descriptor"/>, <see cref="Status.Generation"/>): the switch
/// raises the generation each time a new socket takes a descriptor number, so a socket that gets a closed one's
/// number starts with a full budget. Only a filter deployed for Send or Recv is asked; it never sees the Socket,
/// Accept or Close calls that would otherwise tell it a socket is new. One budget is kept per descriptor number
/// (the newest generation's), so the state is as large as the highest number, not the number of sockets seen.</para>
/// <para>Exactness: a call reserves the bytes it may move before it reaches the kernel (a <see cref="FilterResult.Limit(int)"/>)
/// and its after-filter gives back what the kernel did not move, so calls in flight together on one socket never
/// move more than the budget between them. While the rest of the budget is reserved by a call in flight, a further
/// call on that socket fails with ECONNRESET; if the call in flight then moves less than it reserved, the reset came
/// before the full count. Only concurrent calls on one socket can see that.</para>
/// </remarks>
internal sealed class ResetAfterFault(long bytes) : Fault
{
    private readonly ConcurrentDictionary<int, Budget> _sockets = new();
    private long _resetSockets;

    protected override string Name => $"ResetAfter({bytes.ToString(CultureInfo.InvariantCulture)})";

    protected override string Summary
        => $"{Count(Seen, "call")} seen, {Failed.ToString(CultureInfo.InvariantCulture)} reset, on {Count(Interlocked.Read(ref _resetSockets), "socket")}";

    protected override FilterResult Decide(long call, Status status)
    {
        var budget = BudgetOf(status);
        var result = budget.Reserve(status.Requested, out bool firstReset);
        if (firstReset)
        {
            Interlocked.Increment(ref _resetSockets);
        }

        return result;
    }

    private Budget BudgetOf(Status status)
    {
        int fd = status.Descriptor;
        while (true)
        {
            if (_sockets.TryGetValue(fd, out var known))
            {
                if (known.Generation == status.Generation)
                {
                    return known;
                }

                var replacement = new Budget(status.Generation, bytes);
                if (_sockets.TryUpdate(fd, replacement, known))
                {
                    return replacement;
                }
            }
            else
            {
                var created = new Budget(status.Generation, bytes);
                if (_sockets.TryAdd(fd, created))
                {
                    return created;
                }
            }
        }
    }

    /// <summary>One socket's bytes: moved, and reserved by calls in flight. Locked per socket, so only calls on the
    /// same socket contend. A call that fits in what is left reserves its whole buffer; the call that would cross the
    /// limit reserves the rest and is cut to it. Once that call is in flight nothing is left, so at most one such
    /// reservation is outstanding and a field holds it; the two after-filters are made once per socket, not per call.</summary>
    private sealed class Budget
    {
        private readonly long _limit;
        private readonly AfterFilter _settleWhole;
        private readonly AfterFilter _settleCut;
        private long _moved;
        private long _reserved;
        private long _cutReservation;
        private bool _reset;

        internal Budget(long generation, long limit)
        {
            Generation = generation;
            _limit = limit;
            _settleWhole = SettleWhole;
            _settleCut = SettleCut;
        }

        internal long Generation { get; }

        /// <summary>Decides one call: the whole buffer, the rest of the budget, or the reset (for good).</summary>
        internal FilterResult Reserve(int requested, out bool firstReset)
        {
            lock (this)
            {
                firstReset = false;
                long left = _limit - _moved - _reserved;
                if (_reset || left <= 0)
                {
                    firstReset = !_reset;
                    _reset = true;
                    return FilterResult.Kernel(KernelFault.ResetOrFail, Errno.ECONNRESET);
                }

                if (requested <= left)
                {
                    _reserved += requested;
                    return FilterResult.After(_settleWhole);
                }

                _reserved += left;
                _cutReservation = left;
                return FilterResult.Limit((int)left, _settleCut);
            }
        }

        private Errno SettleWhole(Status status)
        {
            lock (this)
            {
                _reserved -= status.Requested;
                _moved += status.Transferred;
            }

            return Errno.None;
        }

        private Errno SettleCut(Status status)
        {
            lock (this)
            {
                _reserved -= _cutReservation;
                _cutReservation = 0;
                _moved += status.Transferred;
            }

            return Errno.None;
        }
    }
}
