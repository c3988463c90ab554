using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Socktest.Engine;

/// <summary>
/// The sockets a switch tracks, in slots indexed by descriptor number (chunks of 16, created on demand and never
/// moved), read and changed without a lock.
/// </summary>
/// <remarks>
/// <para>A change that must agree with the statistics (a socket added, a close counted) takes its slot into
/// <see cref="SlotState.Busy"/> with a compare-and-swap, updates the counters, and publishes the slot's new state.
/// <see cref="Freeze"/> raises a flag and waits until no slot is busy; a writer that sees the flag after taking its
/// slot puts the slot back and waits for <see cref="Thaw"/>. Both sides fence (the CAS, the exchange) before reading
/// the other's mark, so either the writer sees the flag or the freezer sees the busy slot (a writer that takes an empty
/// slot, which no one else can be taking, does so with a plain store and the freezer fences for it): between
/// <see cref="Freeze"/> and <see cref="Thaw"/> nothing changes the table or the counters that go with it, and a
/// snapshot taken then is exact.</para>
/// <para>Descriptor reuse: a close marks its slot <see cref="SlotState.Closing"/> before the syscall; the close that
/// made that mark owns it, and only <see cref="SettleClose"/> with the same generation takes it away. A socket that
/// gets the number back while the closer is still on its way counts the old socket's close as it takes the slot
/// (under a new generation), so counts and table never disagree; the closer then sees the newer generation and, if
/// its close turned out not to count (the kernel failed it, or an after-filter did), takes that count back. A second
/// close of a number whose close is in flight is not that socket's close (the number may already be another
/// socket's, or a file's): <see cref="TryBegin"/> reports it untracked, and the mark stays with its owner.</para>
/// </remarks>
internal sealed class SocketTable
{
    private readonly object _gate = new();
    private SocketSlot[]?[] _chunks = new SocketSlot[]?[1];
    private int _frozen;
    private long _ordinals;
    private TaskCompletionSource? _closeWatch;

    /// <summary>Looks a descriptor up for a call on it; for a close, marks it closing, which makes the caller the
    /// owner of that mark until <see cref="SettleClose"/>.</summary>
    /// <param name="fd">The descriptor.</param>
    /// <param name="close">Whether the call is a close.</param>
    /// <param name="generation">The tracked socket's generation.</param>
    /// <param name="cookie">The tracked socket's cookie.</param>
    /// <param name="counters">The tracked socket's counters.</param>
    /// <returns>Whether the call is the tracked socket's: <see langword="false"/> for an untracked number, and for a
    /// close of a number whose close is already in flight.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryBegin(int fd, bool close, out long generation, out Cookie cookie, out StatCounters? counters)
    {
        var chunk = ChunkOf(fd);
        if (chunk is not null)
        {
            ref var slot = ref chunk[fd & DescriptorChunks.Mask];
            while (true)
            {
                long state = SettledState(ref slot);
                long phase = SlotState.Phase(state);
                if (phase == SlotState.Empty || (close && phase == SlotState.Closing))
                {
                    break;
                }

                generation = SlotState.Generation(state);
                cookie = new Cookie(Volatile.Read(ref slot.Cookie));
                counters = Volatile.Read(ref slot.Counters);
                bool unchanged = close
                    ? Interlocked.CompareExchange(ref slot.State, SlotState.Make(generation, SlotState.Closing), state) == state
                    : Volatile.Read(ref slot.State) == state;
                if (unchanged)
                {
                    return true;
                }
            }
        }

        generation = 0;
        cookie = default;
        counters = null;
        return false;
    }

    /// <summary>Tracks a socket that the kernel just handed out, and counts it.</summary>
    /// <param name="fd">The new descriptor.</param>
    /// <param name="counters">The counters of its cookie.</param>
    /// <param name="kind">What to count: <see cref="CounterKind.Opened"/>, <see cref="CounterKind.Accepted"/>, or
    /// <see cref="CounterKind.Adopted"/> (a socket opened before the switch saw it, handed over with
    /// <see cref="SwitchCore.Adopt"/>).</param>
    /// <returns>The new socket's generation (<see cref="Status.Generation"/>).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long Add(int fd, StatCounters counters, int kind)
    {
        ref var slot = ref ChunkFor(fd)[fd & DescriptorChunks.Mask];
        while (true)
        {
            long state = SettledState(ref slot);
            long generation = SlotState.Generation(state) + 1;
            long busy = SlotState.Make(generation, SlotState.Busy);
            bool entered = SlotState.Phase(state) == SlotState.Empty
                ? TryEnterEmptyBusy(ref slot, state, busy)
                : TryEnterBusy(ref slot, state, busy);
            if (!entered)
            {
                continue;
            }

            if (SlotState.Phase(state) == SlotState.Closing)
            {
                // The kernel handed the number out again, so the close in flight has succeeded: count it now,
                // before the slot changes hands, so the counts and the table never disagree.
                slot.Counters!.Increment(CounterKind.Closed);
            }

            // An emptied slot keeps its last socket's cookie and counters: most numbers are taken again by a socket of
            // the same cookie, and not storing the same reference again saves the GC's write barrier, a call.
            if (!ReferenceEquals(slot.Counters, counters))
            {
                slot.Cookie = counters.Cookie.Value;
                slot.Counters = counters;
            }
            if (kind >= 0)
            {
                counters.Increment(kind);
            }

            slot.Ordinal = kind >= 0 ? Interlocked.Increment(ref _ordinals) : 0;

            Volatile.Write(ref slot.State, SlotState.Make(generation, SlotState.Open));
            return generation;
        }
    }

    /// <summary>The ordinal (<see cref="Status.SocketOrdinal"/>) of the socket tracked under <paramref name="fd"/> in
    /// <paramref name="generation"/>, or 0 when the slot holds another socket by now (or none).</summary>
    /// <param name="fd">The descriptor.</param>
    /// <param name="generation">The generation the caller saw.</param>
    /// <returns>The socket's ordinal, or 0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal long OrdinalOf(int fd, long generation)
    {
        var chunk = ChunkOf(fd);
        if (chunk is null)
        {
            return 0;
        }

        ref var slot = ref chunk[fd & DescriptorChunks.Mask];
        long state = SettledState(ref slot);
        long ordinal = Volatile.Read(ref slot.Ordinal);
        return SlotState.IsTracked(state) && SlotState.Generation(state) == generation && Volatile.Read(ref slot.State) == state
            ? ordinal
            : 0;
    }

    /// <summary>Ends the close that owns the slot's closing mark, counting what Go counts for
    /// <paramref name="outcome"/>. When a newer socket has taken the slot meanwhile, it has already counted this
    /// close as <c>Closed</c>; that count is taken back when the close did not count after all.</summary>
    /// <param name="fd">The descriptor.</param>
    /// <param name="generation">The generation <see cref="TryBegin"/> saw.</param>
    /// <param name="counters">The counters of the closed socket's cookie.</param>
    /// <param name="outcome">How the close ended.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SettleClose(int fd, long generation, StatCounters counters, CloseOutcome outcome)
    {
        ref var slot = ref ChunkFor(fd)[fd & DescriptorChunks.Mask];
        while (true)
        {
            long state = SettledState(ref slot);
            if (state != SlotState.Make(generation, SlotState.Closing))
            {
                // A newer socket took the number: the kernel released it, and the taker counted this close.
                if (outcome is CloseOutcome.Failed or CloseOutcome.AfterFailed)
                {
                    TakeBackClose(counters, outcome);
                }

                return;
            }

            if (outcome != CloseOutcome.Closed)
            {
                if (Interlocked.CompareExchange(ref slot.State, SlotState.Make(generation, SlotState.Open), state) != state)
                {
                    continue;
                }

                if (outcome == CloseOutcome.Failed)
                {
                    counters.Increment(CounterKind.CloseFailed);
                }

                return;
            }

            if (!TryEnterBusy(ref slot, state, SlotState.Make(generation, SlotState.Busy)))
            {
                continue;
            }

            counters.Increment(CounterKind.Closed);
            Volatile.Write(ref slot.State, SlotState.Make(generation, SlotState.Empty));
            if (Volatile.Read(ref _closeWatch) is not null)
            {
                SignalClose();
            }

            return;
        }
    }

    /// <summary>A task that completes when a socket next leaves the table by its close, so that a leak check waiting
    /// for closes looks again at once instead of at its next poll. Ask before looking at the table: a close between the
    /// look and the question would otherwise be missed until the poll.</summary>
    internal Task NextClose()
    {
        while (true)
        {
            if (Volatile.Read(ref _closeWatch) is { } current)
            {
                return current.Task;
            }

            var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Interlocked.CompareExchange(ref _closeWatch, created, null) is null)
            {
                return created.Task;
            }
        }
    }

    /// <summary>Completes the task <see cref="NextClose"/> gave, once; out of line, since a close rarely has a watcher.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SignalClose()
    {
        if (Interlocked.Exchange(ref _closeWatch, null) is { } watch)
        {
            watch.TrySetResult();
        }
    }

    /// <summary>Takes back the <c>Closed</c> a newer socket counted for a close that failed in the kernel (then it is
    /// <c>CloseFailed</c>, as in Go) or in its after-filter (then nothing, as in Go). Under the snapshot lock, not by
    /// taking the slot: the slot is another socket's now, and its next taker may write it without a compare-and-swap
    /// (see <see cref="TryEnterEmptyBusy"/>).</summary>
    private void TakeBackClose(StatCounters counters, CloseOutcome outcome)
    {
        lock (_gate)
        {
            counters.Decrement(CounterKind.Closed);
            if (outcome == CloseOutcome.Failed)
            {
                counters.Increment(CounterKind.CloseFailed);
            }
        }
    }

    /// <summary>Takes every open socket out of the table without counting it (for <see cref="SwitchCore.ForceCloseSockets"/>);
    /// sockets whose close is in flight stay with their closer.</summary>
    /// <returns>The descriptors taken out, in order.</returns>
    internal List<int> ForgetOpen()
    {
        var forgotten = new List<int>();
        var chunks = Volatile.Read(ref _chunks);
        for (int c = 0; c < chunks.Length; c++)
        {
            var chunk = Volatile.Read(ref chunks[c]);
            for (int i = 0; chunk is not null && i < chunk.Length; i++)
            {
                ref var slot = ref chunk[i];
                while (true)
                {
                    long state = SettledState(ref slot);
                    if (SlotState.Phase(state) != SlotState.Open)
                    {
                        break;
                    }

                    long generation = SlotState.Generation(state);
                    if (!TryEnterBusy(ref slot, state, SlotState.Make(generation, SlotState.Busy)))
                    {
                        continue;
                    }

                    Volatile.Write(ref slot.State, SlotState.Make(generation, SlotState.Empty));
                    forgotten.Add(DescriptorChunks.Descriptor(c, i));
                    break;
                }
            }
        }

        return forgotten;
    }

    /// <summary>Stops every change to the table and its counters until <see cref="Thaw"/>; waits for changes in
    /// progress to finish. Snapshots are serialised by the same lock.</summary>
    internal void Freeze()
    {
        Monitor.Enter(_gate);
        Interlocked.Exchange(ref _frozen, 1);

        // Every other thread's store buffer is drained now: a slot taken with a plain store before this point is seen
        // busy below, and a thread that reads the flag after it sees it raised (TryEnterEmptyBusy).
        Interlocked.MemoryBarrierProcessWide();
        foreach (var chunk in _chunks)
        {
            if (chunk is null)
            {
                continue;
            }

            for (int i = 0; i < chunk.Length; i++)
            {
                var spin = default(SpinWait);
                while (SlotState.Phase(Volatile.Read(ref chunk[i].State)) == SlotState.Busy)
                {
                    spin.SpinOnce();
                }
            }
        }
    }

    /// <summary>Lets changes go on after <see cref="Freeze"/>.</summary>
    internal void Thaw()
    {
        Volatile.Write(ref _frozen, 0);
        Monitor.Exit(_gate);
    }

    /// <summary>Every tracked socket; call between <see cref="Freeze"/> and <see cref="Thaw"/>.</summary>
    /// <returns>Descriptor to status.</returns>
    internal Dictionary<int, Status> CollectFrozen()
    {
        var sockets = new Dictionary<int, Status>();
        var chunks = _chunks;
        for (int c = 0; c < chunks.Length; c++)
        {
            var chunk = chunks[c];
            if (chunk is null)
            {
                continue;
            }

            for (int i = 0; i < chunk.Length; i++)
            {
                // A writer that takes a slot after the freeze began backs off at once (TryEnterBusy), but until it has
                // put the slot back it reads busy, though its socket is open or closing and counted so: read the slot
                // once it is back, or the snapshot leaves that socket out of a table its statistics count it in.
                long state = SettledState(ref chunk[i]);
                if (SlotState.IsTracked(state))
                {
                    int fd = DescriptorChunks.Descriptor(c, i);
                    sockets.Add(fd, StatusOf(fd, state, chunk[i].Cookie, chunk[i].Ordinal));
                }
            }
        }

        return sockets;
    }

    /// <summary>Whether the table holds a socket that <paramref name="ignore"/> does not excuse, read without a freeze:
    /// each slot once no writer holds it, its cookie and ordinal between two equal reads of its state. Each socket is
    /// read as it was at some instant of the call, not all at one instant, and the statistics are not read: this is
    /// for a leak check's looks, which ask only whether a socket is still open, and which a freeze (a process-wide
    /// memory barrier, an interrupt to every CPU) would make cost more than the short runs they check.
    /// <see cref="CollectFrozen"/> gives the exact snapshot.</summary>
    /// <param name="ignore">Sockets that do not count, or <see langword="null"/>.</param>
    /// <returns>Whether one was found.</returns>
    internal bool AnyOpenSettled(Func<Status, bool>? ignore)
    {
        var chunks = Volatile.Read(ref _chunks);
        for (int c = 0; c < chunks.Length; c++)
        {
            if (Volatile.Read(ref chunks[c]) is not { } chunk)
            {
                continue;
            }

            for (int i = 0; i < chunk.Length; i++)
            {
                if (ReadSettled(ref chunk[i], DescriptorChunks.Descriptor(c, i)) is { } status && (ignore is null || !ignore(status)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The socket <paramref name="slot"/> tracks, read once no writer holds it, its cookie and ordinal between
    /// two equal reads of its state; <see langword="null"/> when it tracks none.</summary>
    private static Status? ReadSettled(ref SocketSlot slot, int fd)
    {
        while (true)
        {
            long state = SettledState(ref slot);
            if (!SlotState.IsTracked(state))
            {
                return null;
            }

            ulong cookie = Volatile.Read(ref slot.Cookie);
            long ordinal = Volatile.Read(ref slot.Ordinal);
            if (Volatile.Read(ref slot.State) == state)
            {
                return StatusOf(fd, state, cookie, ordinal);
            }
        }
    }

    private static Status StatusOf(int fd, long state, ulong cookie, long ordinal)
        => new(new Cookie(cookie), Errno.None, Errno.None) { Descriptor = fd, Generation = SlotState.Generation(state), SocketOrdinal = ordinal };

    /// <summary>The slot's state once no writer holds it busy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long SettledState(ref SocketSlot slot)
    {
        long state = Volatile.Read(ref slot.State);
        return SlotState.Phase(state) != SlotState.Busy ? state : WaitWhileBusy(ref slot);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long WaitWhileBusy(ref SocketSlot slot)
    {
        var spin = default(SpinWait);
        while (true)
        {
            spin.SpinOnce();
            long state = Volatile.Read(ref slot.State);
            if (SlotState.Phase(state) != SlotState.Busy)
            {
                return state;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryEnterBusy(ref SocketSlot slot, long expected, long busy)
    {
        if (Interlocked.CompareExchange(ref slot.State, busy, expected) != expected)
        {
            return false;
        }

        if (Volatile.Read(ref _frozen) == 0)
        {
            return true;
        }

        // A snapshot is being taken: give the slot back and wait for it to finish.
        Volatile.Write(ref slot.State, expected);
        WaitForThaw();
        return false;
    }

    /// <summary>Like <see cref="TryEnterBusy"/> for an empty slot, without a compare-and-swap. Only
    /// <see cref="Add"/> takes an empty slot, for a number the kernel has just handed to this caller and to no one
    /// else, so nothing can change the slot between the read and the write. The write must still be seen by a
    /// <see cref="Freeze"/> that does not see this thread's read of its flag (Dekker's store-then-load): on this side
    /// that is a plain store and load, and <see cref="Freeze"/> pays for both with a process-wide memory barrier. Why:
    /// docs/decisions/empty-slot-plain-store.md.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryEnterEmptyBusy(ref SocketSlot slot, long expected, long busy)
    {
        Volatile.Write(ref slot.State, busy);
        if (Volatile.Read(ref _frozen) == 0)
        {
            return true;
        }

        Volatile.Write(ref slot.State, expected);
        WaitForThaw();
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForThaw()
    {
        lock (_gate)
        {
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private SocketSlot[]? ChunkOf(int fd) => DescriptorChunks.Of(Volatile.Read(ref _chunks), fd);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private SocketSlot[] ChunkFor(int fd) => DescriptorChunks.For(ref _chunks, fd, _gate);
}
