using System.Runtime.CompilerServices;
using System.Threading;
using Socktest.Interop;

namespace Socktest.Engine;

/// <summary>
/// What each call counts, and how it changes the table, once its result is known: the one place for it. The
/// generated switch's <c>End</c> methods book through here after their after-filters, and so does the process-wide
/// hook's unfiltered path: a call that no filter would see and nothing would record (no trace, no open sites) is made
/// by the hook itself, straight to the C library, and booked here with the same outcome. Every booking method makes
/// no syscall, so the call's errno survives it.
/// </summary>
/// <remarks>Why the hook does not simply call the generated switch: on a kernel that switches page tables on every
/// syscall, each frame still on the stack at the syscall and each object touched after it costs several times its CPU
/// price. Through the switch a hooked call has three frames at the syscall and touches the switch, its inner
/// implementation and errno twice; here it has one frame and touches the table and the counters
/// (docs/decisions/unfiltered-path.md).</remarks>
public sealed partial class SwitchCore
{
    /// <summary>Whether a call of <paramref name="type"/> would run no filter and record nothing beyond the table and
    /// the counters: no filter is set for it, and neither a trace nor open sites are being recorded. Read once per call,
    /// as the generated switch reads its filter once.</summary>
    /// <param name="type">The kind of call.</param>
    /// <returns>Whether the hook may make the call itself and book it here.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Unfiltered(FilterType type)
        => Volatile.Read(ref _filters[(int)type]) is null && Volatile.Read(ref _observer) is null;

    /// <summary>Looks a descriptor up before an unfiltered call on it, as <see cref="Begin"/> does.</summary>
    /// <param name="fd">The descriptor.</param>
    /// <returns>Its counters, or <see langword="null"/> when this switch does not track it.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal StatCounters? Tracked(int fd) => _table.TryBegin(fd, close: false, out _, out _, out var counters) ? counters : null;

    /// <summary>Begins an unfiltered <c>close</c> as <see cref="Begin"/> does: marks a tracked descriptor closing.</summary>
    /// <param name="fd">The descriptor.</param>
    /// <param name="generation">The socket's generation, for <see cref="BookClose"/>.</param>
    /// <returns>Its counters, or <see langword="null"/> when this switch does not track it (or another close of it is
    /// in flight).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal StatCounters? BeginClose(int fd, out long generation)
        => _table.TryBegin(fd, close: true, out generation, out _, out var counters) ? counters : null;

    /// <summary>Books a <c>socket</c> call (<see cref="EndSocket"/>, and the hook's unfiltered path): counted, and tabled
    /// when it opened a socket.</summary>
    /// <param name="cookie">The call's family, type and protocol.</param>
    /// <param name="fd">What the C library returned.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void BookSocket(Cookie cookie, int fd) => BookOpen(_stats.For(cookie), fd, accepted: false);

    /// <summary>Books an <c>accept</c> or <c>accept4</c> made on the hook's unfiltered path: the accepted socket inherits
    /// the listener's cookie.</summary>
    /// <param name="listener">The listener's counters, from <see cref="Tracked"/>.</param>
    /// <param name="fd">What the C library returned.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void BookAccept(StatCounters listener, int fd) => BookOpen(listener, fd, accepted: true);

    /// <summary>Books a <c>socket</c> or <c>accept</c>: a failure counted, or the new descriptor tabled and
    /// counted.</summary>
    /// <param name="counters">The counters of the new socket's cookie (for an accept, the listener's).</param>
    /// <param name="fd">What the C library returned.</param>
    /// <param name="accepted">Whether the call was an accept.</param>
    /// <returns>The new socket's generation, or -1 for a failed call.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long BookOpen(StatCounters counters, int fd, bool accepted)
    {
        if (fd < 0)
        {
            counters.Increment(accepted ? CounterKind.AcceptFailed : CounterKind.OpenFailed);
            return -1;
        }

        return _table.Add(fd, counters, accepted ? CounterKind.Accepted : CounterKind.Opened);
    }

    /// <summary>Books a <c>close</c> (<see cref="EndClose"/>, and the hook's unfiltered path after <see cref="BeginClose"/>):
    /// the closing mark settled as closed, or as failed.</summary>
    /// <param name="fd">The descriptor.</param>
    /// <param name="generation">What <see cref="BeginClose"/> gave.</param>
    /// <param name="counters">What <see cref="BeginClose"/> gave.</param>
    /// <param name="result">What the C library returned.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void BookClose(int fd, long generation, StatCounters counters, int result)
        => _table.SettleClose(fd, generation, counters, result >= 0 ? CloseOutcome.Closed : CloseOutcome.Failed);

    /// <summary>Books a call counted once for success and once for failure: <c>Connect</c>, <c>Listen</c>, <c>Bind</c>
    /// and <c>Shutdown</c>.</summary>
    /// <param name="counters">The socket's counters.</param>
    /// <param name="result">What the C library returned.</param>
    /// <param name="countedKind">What a success counts (-1: nothing).</param>
    /// <param name="failedKind">What a failure counts (-1: nothing).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void BookCounted(StatCounters counters, nint result, int countedKind, int failedKind)
    {
        int kind = result < 0 ? failedKind : countedKind;
        if (kind >= 0)
        {
            counters.Increment(kind);
        }
    }

    /// <summary>Books a call that moved data (<see cref="EndSend"/>, <see cref="EndRecv"/>, and the hook's unfiltered
    /// path): the bytes moved, or a failure (EAGAIN included).</summary>
    /// <param name="counters">The socket's counters.</param>
    /// <param name="result">What the C library returned: the bytes moved, or -1.</param>
    /// <param name="bytesKind">Where the bytes count.</param>
    /// <param name="failedKind">Where a failure counts.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void BookTransfer(StatCounters counters, nint result, int bytesKind, int failedKind)
    {
        if (result < 0)
        {
            counters.Increment(failedKind);
            return;
        }

        counters.Add(bytesKind, (ulong)result);
    }

    /// <summary>Books a receive (the hook's unfiltered <c>recv</c> and <c>recvmsg</c>): as <see cref="BookTransfer"/>, except
    /// that a receive with MSG_PEEK, which leaves the bytes in the socket for the next receive, counts none; its
    /// failure still counts.</summary>
    /// <param name="counters">The socket's counters.</param>
    /// <param name="result">What the C library returned: the bytes received (or peeked at), or -1.</param>
    /// <param name="flags">The MSG_* flags the call was made with.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void BookRecv(StatCounters counters, nint result, int flags)
    {
        if (result >= 0 && IsPeek(flags))
        {
            return;
        }

        BookTransfer(counters, result, CounterKind.BytesReceived, CounterKind.RecvFailed);
    }

    /// <summary>Whether a receive's flags ask only to look at the waiting bytes (MSG_PEEK).</summary>
    /// <param name="flags">The MSG_* flags.</param>
    /// <returns>Whether MSG_PEEK is set.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsPeek(int flags) => (flags & SocketConstants.MSG_PEEK) != 0;

    /// <summary>Books a read of an int-sized option (<see cref="EndGetsockoptInt"/>, and the hook's unfiltered path):
    /// SO_ERROR reading 0 or EISCONN counts as connected.</summary>
    /// <param name="counters">The socket's counters.</param>
    /// <param name="result">What the C library returned.</param>
    /// <param name="option">The option read.</param>
    /// <param name="value">The value read.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void BookGetsockoptInt(StatCounters counters, int result, int option, int value)
    {
        if (result >= 0 && option == SocketConstants.SO_ERROR && (value == 0 || value == Errno.EISCONN.Value))
        {
            counters.Increment(CounterKind.Connected);
        }
    }
}
