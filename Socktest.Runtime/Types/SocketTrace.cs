using System;
using System.Collections.Generic;
using System.Threading;
using Socktest.Engine;
using Socktest.Kit;

namespace Socktest;

/// <summary>
/// The last calls a switch made, in a ring buffer of a fixed capacity: each call's operation, descriptor, cookie,
/// result or errno, whether a filter injected the failure and which, the thread and the time. Started with
/// <see cref="SocketSwitchDiagnostics.StartTrace"/>; <see cref="Dispose"/> stops it and keeps what it holds.
/// <see cref="ToString"/> is a table to print when a test fails.
/// </summary>
/// <remarks>
/// <para>Traced: every call on a socket the switch tracks and every <c>Socket</c> call, when it finishes (a call
/// failed by a filter, when the filter fails it). Not traced: calls on descriptors the switch does not track (they pass
/// straight through), and calls in which a filter threw.</para>
/// <para>Recording takes no lock: a call claims a slot with one <see cref="Interlocked"/> increment and publishes it
/// with its number; a reader copies each slot and keeps it only if its number did not change meanwhile. Once the
/// buffer is full the oldest calls are overwritten.</para>
/// </remarks>
public sealed class SocketTrace : IDisposable
{
    private readonly SwitchCore _core;
    private readonly Slot[] _slots;
    private long _next;

    internal SocketTrace(SwitchCore core, int capacity, TimeProvider timeProvider)
    {
        _core = core;
        _slots = new Slot[capacity];
        TimeProvider = timeProvider;
        StartTimestamp = timeProvider.GetTimestamp();
        Started = timeProvider.GetUtcNow();
    }

    /// <summary>How many calls the trace keeps; older ones are overwritten.</summary>
    public int Capacity => _slots.Length;

    /// <summary>How many calls were recorded since the trace started, overwritten ones included.</summary>
    public long Recorded => Interlocked.Read(ref _next);

    /// <summary>The clock the trace reads: <see cref="TimeProvider.System"/> unless
    /// <see cref="SocketSwitchDiagnostics.StartTrace"/> was given another.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>When the trace started (UTC), on <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>When the trace started, in <see cref="TimeProvider"/>'s timestamp ticks
    /// (<see cref="TimeProvider.GetTimestamp"/>), to compare with <see cref="TraceEntry.Timestamp"/>.</summary>
    public long StartTimestamp { get; }

    /// <summary>How long after the trace started <paramref name="entry"/>'s call finished, on <see cref="TimeProvider"/>.</summary>
    /// <param name="entry">An entry of this trace.</param>
    /// <returns>The time since <see cref="StartTimestamp"/>.</returns>
    public TimeSpan Elapsed(TraceEntry entry) => TimeProvider.GetElapsedTime(StartTimestamp, entry.Timestamp);

    /// <summary>The calls the trace holds, oldest first.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<TraceEntry> Entries()
    {
        long last = Interlocked.Read(ref _next);
        long first = Math.Max(1, last - _slots.Length + 1);
        var entries = new List<TraceEntry>((int)(last - first + 1));
        for (long sequence = first; sequence <= last; sequence++)
        {
            ref var slot = ref _slots[(sequence - 1) % _slots.Length];
            if (Volatile.Read(ref slot.Sequence) != sequence)
            {
                continue; // still being written, or already overwritten
            }

            var entry = slot.Entry;
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref slot.Sequence) == sequence)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>The calls as a table, one line per call, oldest first, under a header that says how many were
    /// recorded:
    /// <code>
    /// #  ms     thread  call     fd  cookie                result
    /// 1  0.012       9  socket    -  (inet4, stream, tcp)  7
    /// 2  0.031       9  connect   7  (inet4, stream, tcp)  -1 ECONNREFUSED injected by Faults.Fail(ECONNREFUSED)
    /// </code></summary>
    /// <returns>The table; lines end with <c>\n</c>.</returns>
    public string Format() => TraceTable.Format(this, Entries());

    /// <inheritdoc cref="Format"/>
    public override string ToString() => Format();

    /// <summary>Stops recording, if this is still the switch's trace; what it holds stays readable.</summary>
    public void Dispose() => _core.StopTrace(this);

    internal void Record(FilterType type, int fd, Cookie cookie, int result, Errno error, Filter? injectedBy, bool injected, bool peek)
    {
        long sequence = Interlocked.Increment(ref _next);
        ref var slot = ref _slots[(sequence - 1) % _slots.Length];
        Volatile.Write(ref slot.Sequence, 0);
        slot.Entry = new TraceEntry(sequence, TimeProvider.GetTimestamp(), Environment.CurrentManagedThreadId, type, fd, cookie, result, error, injectedBy, injected, peek);
        Volatile.Write(ref slot.Sequence, sequence);
    }

    private struct Slot
    {
        internal long Sequence;
        internal TraceEntry Entry;
    }
}
