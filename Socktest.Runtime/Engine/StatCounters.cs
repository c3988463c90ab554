using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Socktest.Engine;

/// <summary>
/// The counters of one cookie, striped by thread so that threads working in parallel never share a cache line or
/// need a locked instruction. A snapshot sums the stripes.
/// </summary>
/// <remarks>
/// <para>A thread whose managed thread id is below <see cref="OwnedStripes"/> owns the stripe of that number: ids are
/// unique among live threads (and handed out again only after a thread has ended, under the runtime's lock), so its
/// counters have one writer and a plain increment, published with <see cref="Volatile.Write(ref ulong, ulong)"/>,
/// is exact. Threads with higher ids share the last stripe, made with the counters, and use
/// <see cref="Interlocked"/>.</para>
/// <para>A stripe is made on its thread's first count: a scope's cookie is counted by a handful of threads, and
/// sixty-four stripes made up front were 12 KiB per cookie, most of what a short scoped run allocated, and a snapshot
/// summed all of them.</para>
/// </remarks>
internal sealed class StatCounters
{
    private const int OwnedStripes = 63;
    private const int Stripes = OwnedStripes + 1;

    // A stripe's seventeen counters sit between 64 bytes of padding on each side, so they never share a cache line
    // with another stripe's, wherever the allocator puts the two arrays.
    private const int Padding = 8;
    private const int StripeLength = Padding + CounterKind.Count + Padding;

    private readonly ulong[]?[] _stripes = new ulong[]?[Stripes];

    internal StatCounters(Cookie cookie)
    {
        Cookie = cookie;
        _stripes[OwnedStripes] = new ulong[StripeLength];
    }

    /// <summary>The cookie counted.</summary>
    internal Cookie Cookie { get; }

    /// <summary>Adds one to a counter.</summary>
    /// <param name="kind">A <see cref="CounterKind"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Increment(int kind) => Add(kind, 1);

    /// <summary>Takes one back from a counter that an earlier <see cref="Increment"/> counted too soon. The stripes
    /// wrap around; only their sum, which never goes below zero, is read.</summary>
    /// <param name="kind">A <see cref="CounterKind"/>.</param>
    internal void Decrement(int kind) => Add(kind, ulong.MaxValue);

    /// <summary>Adds <paramref name="delta"/> to a counter (the byte counters).</summary>
    /// <param name="kind">A <see cref="CounterKind"/>.</param>
    /// <param name="delta">The amount.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(int kind, ulong delta)
    {
        int id = Environment.CurrentManagedThreadId;
        if ((uint)id < OwnedStripes && (_stripes[id] ?? OwnStripe(id)) is { } stripe)
        {
            ref ulong count = ref stripe[Padding + kind];
            Volatile.Write(ref count, unchecked(count + delta));
        }
        else
        {
            Interlocked.Add(ref _stripes[OwnedStripes]![Padding + kind], delta);
        }
    }

    /// <summary>Makes the stripe of thread <paramref name="id"/>, on that thread (its only writer); <see langword="null"/>
    /// when there is no memory for it, and the count goes to the shared stripe (made with the counters): a count is
    /// made while its slot is held, which must never throw.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ulong[]? OwnStripe(int id)
    {
        try
        {
            var stripe = new ulong[StripeLength];
            Volatile.Write(ref _stripes[id], stripe);
            return stripe;
        }
        catch (OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>The sum of one counter over the stripes.</summary>
    /// <param name="kind">A <see cref="CounterKind"/>.</param>
    /// <returns>The count.</returns>
    internal ulong Read(int kind)
    {
        ulong sum = 0;
        for (int stripe = 0; stripe < Stripes; stripe++)
        {
            if (Volatile.Read(ref _stripes[stripe]) is { } counts)
            {
                sum = unchecked(sum + Volatile.Read(ref counts[Padding + kind]));
            }
        }

        return sum;
    }

    /// <summary>The counters as a <see cref="Stat"/>, or <see langword="null"/> when nothing was counted yet.</summary>
    /// <returns>The snapshot.</returns>
    internal Stat? Snapshot()
    {
        Span<ulong> totals = stackalloc ulong[CounterKind.Count];
        ulong any = 0;
        for (int kind = 0; kind < CounterKind.Count; kind++)
        {
            totals[kind] = Read(kind);
            any |= totals[kind];
        }

        if (any == 0)
        {
            return null;
        }

        return new Stat
        {
            Family = Cookie.Family,
            Type = Cookie.Type,
            Protocol = Cookie.Protocol,
            Opened = totals[CounterKind.Opened],
            Connected = totals[CounterKind.Connected],
            Listened = totals[CounterKind.Listened],
            Accepted = totals[CounterKind.Accepted],
            Closed = totals[CounterKind.Closed],
            OpenFailed = totals[CounterKind.OpenFailed],
            ConnectFailed = totals[CounterKind.ConnectFailed],
            ListenFailed = totals[CounterKind.ListenFailed],
            AcceptFailed = totals[CounterKind.AcceptFailed],
            CloseFailed = totals[CounterKind.CloseFailed],
            Bound = totals[CounterKind.Bound],
            BindFailed = totals[CounterKind.BindFailed],
            BytesSent = totals[CounterKind.BytesSent],
            BytesReceived = totals[CounterKind.BytesReceived],
            SendFailed = totals[CounterKind.SendFailed],
            RecvFailed = totals[CounterKind.RecvFailed],
            Adopted = totals[CounterKind.Adopted],
        };
    }
}
