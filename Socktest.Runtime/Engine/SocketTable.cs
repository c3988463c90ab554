using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Socktest.Engine;

/// <summary>
/// The sockets a switch tracks, in slots indexed by descriptor number (chunks of 512, created on demand and never
/// moved), read and changed without a lock.
/// </summary>
/// <remarks>
/// <para>A change that must agree with the statistics (a socket added, a close counted) takes its slot into
/// <see cref="SlotState.Busy"/> with a compare-and-swap, updates the counters, and publishes the slot's new state.
/// <see cref="Freeze"/> raises a flag and waits until no slot is busy; a writer that sees the flag after taking its
/// slot puts the slot back and waits for <see cref="Thaw"/>. Both sides fence (the CAS, the exchange) before reading
/// the other's mark, so either the writer sees the flag or the freezer sees the busy slot: between
/// <see cref="Freeze"/> and <see cref="Thaw"/> nothing changes the table or the counters that go with it, and a
/// snapshot taken then is exact.</para>
/// <para>Descriptor reuse: a close marks its slot <see cref="SlotState.Closing"/> before the syscall. A socket that
/// gets the number back while the closer is still on its way counts the old socket's close as it takes the slot
/// (under a new generation); the closer then sees the newer generation and leaves the slot alone.</para>
/// </remarks>
internal sealed class SocketTable
{
    private const int ChunkShift = 9;
    private const int ChunkMask = (1 << ChunkShift) - 1;

    private readonly object _gate = new();
    private SocketSlot[]?[] _chunks = new SocketSlot[]?[1];
    private int _frozen;

    /// <summary>Looks a descriptor up for a call on it; for a close, marks it closing.</summary>
    /// <param name="fd">The descriptor.</param>
    /// <param name="close">Whether the call is a close.</param>
    /// <param name="generation">The tracked socket's generation.</param>
    /// <param name="cookie">The tracked socket's cookie.</param>
    /// <param name="counters">The tracked socket's counters.</param>
    /// <returns>Whether the descriptor is tracked.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryBegin(int fd, bool close, out long generation, out Cookie cookie, out StatCounters? counters)
    {
        var chunk = ChunkOf(fd);
        if (chunk is not null)
        {
            ref var slot = ref chunk[fd & ChunkMask];
            var spin = default(SpinWait);
            while (true)
            {
                long state = Volatile.Read(ref slot.State);
                long phase = SlotState.Phase(state);
                if (phase == SlotState.Busy)
                {
                    spin.SpinOnce();
                    continue;
                }

                if (phase == SlotState.Empty)
                {
                    break;
                }

                generation = SlotState.Generation(state);
                cookie = new Cookie(Volatile.Read(ref slot.Cookie));
                counters = Volatile.Read(ref slot.Counters);
                bool unchanged = close && phase == SlotState.Open
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
    /// <param name="kind">What to count: <see cref="CounterKind.Opened"/> or <see cref="CounterKind.Accepted"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(int fd, StatCounters counters, int kind)
    {
        ref var slot = ref ChunkFor(fd)[fd & ChunkMask];
        var spin = default(SpinWait);
        while (true)
        {
            long state = Volatile.Read(ref slot.State);
            if (SlotState.Phase(state) == SlotState.Busy)
            {
                spin.SpinOnce();
                continue;
            }

            long generation = SlotState.Generation(state) + 1;
            if (!TryEnterBusy(ref slot, state, SlotState.Make(generation, SlotState.Busy)))
            {
                continue;
            }

            if (SlotState.Phase(state) == SlotState.Closing)
            {
                // The kernel handed the number out again, so the close in flight has succeeded: count it now,
                // before the slot changes hands, so the counts and the table never disagree.
                slot.Counters!.Increment(CounterKind.Closed);
            }

            slot.Cookie = counters.Cookie.Value;
            slot.Counters = counters;
            counters.Increment(kind);
            Volatile.Write(ref slot.State, SlotState.Make(generation, SlotState.Open));
            return;
        }
    }

    /// <summary>Finishes a close that reached the kernel: on success the socket leaves the table and is counted
    /// closed; on failure it stays (no longer closing) and the failure is counted. Does nothing to a slot that a
    /// newer socket has taken.</summary>
    /// <param name="fd">The descriptor.</param>
    /// <param name="generation">The generation <see cref="TryBegin"/> saw.</param>
    /// <param name="counters">The counters of the closed socket's cookie.</param>
    /// <param name="succeeded">Whether the kernel closed it.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void EndClose(int fd, long generation, StatCounters counters, bool succeeded)
    {
        ref var slot = ref ChunkFor(fd)[fd & ChunkMask];
        var spin = default(SpinWait);
        while (true)
        {
            long state = Volatile.Read(ref slot.State);
            if (SlotState.Phase(state) == SlotState.Busy)
            {
                spin.SpinOnce();
                continue;
            }

            if (SlotState.Generation(state) != generation || !SlotState.IsTracked(state))
            {
                // The number was reused while we were closing, and the new socket already counted this close
                // when it took the slot; or another close of the same socket got here first.
                break;
            }

            if (!succeeded)
            {
                if (Interlocked.CompareExchange(ref slot.State, SlotState.Make(generation, SlotState.Open), state) != state)
                {
                    continue;
                }

                break;
            }

            if (!TryEnterBusy(ref slot, state, SlotState.Make(generation, SlotState.Busy)))
            {
                continue;
            }

            counters.Increment(CounterKind.Closed);
            slot.Counters = null;
            slot.Cookie = 0;
            Volatile.Write(ref slot.State, SlotState.Make(generation, SlotState.Empty));
            return;
        }

        if (!succeeded)
        {
            counters.Increment(CounterKind.CloseFailed);
        }
    }

    /// <summary>Takes back the closing mark of a close that did not go through (cancelled, failed by an
    /// after-filter, or thrown out of a filter), unless a newer socket has taken the slot.</summary>
    /// <param name="fd">The descriptor.</param>
    /// <param name="generation">The generation <see cref="TryBegin"/> saw.</param>
    internal void ClearClosing(int fd, long generation)
    {
        var chunk = ChunkOf(fd);
        if (chunk is not null)
        {
            long closing = SlotState.Make(generation, SlotState.Closing);
            Interlocked.CompareExchange(ref chunk[fd & ChunkMask].State, SlotState.Make(generation, SlotState.Open), closing);
        }
    }

    /// <summary>Stops every change to the table and its counters until <see cref="Thaw"/>; waits for changes in
    /// progress to finish. Snapshots are serialised by the same lock.</summary>
    internal void Freeze()
    {
        Monitor.Enter(_gate);
        Interlocked.Exchange(ref _frozen, 1);
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
                if (SlotState.IsTracked(Volatile.Read(ref chunk[i].State)))
                {
                    sockets.Add((c << ChunkShift) | i, new Status(new Cookie(chunk[i].Cookie), Errno.None, Errno.None));
                }
            }
        }

        return sockets;
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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForThaw()
    {
        lock (_gate)
        {
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private SocketSlot[]? ChunkOf(int fd)
    {
        var chunks = Volatile.Read(ref _chunks);
        uint index = (uint)fd >> ChunkShift;
        return index < (uint)chunks.Length ? Volatile.Read(ref chunks[index]) : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private SocketSlot[] ChunkFor(int fd) => ChunkOf(fd) ?? CreateChunk(fd);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private SocketSlot[] CreateChunk(int fd)
    {
        lock (_gate)
        {
            int index = fd >> ChunkShift;
            var chunks = _chunks;
            if (index >= chunks.Length)
            {
                var grown = new SocketSlot[]?[System.Math.Max(index + 1, chunks.Length * 2)];
                chunks.CopyTo(grown, 0);
                chunks = grown;
            }

            var chunk = chunks[index];
            if (chunk is null)
            {
                chunk = new SocketSlot[1 << ChunkShift];
                Volatile.Write(ref chunks[index], chunk);
            }

            Volatile.Write(ref _chunks, chunks);
            return chunk;
        }
    }
}
