using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Interop;

namespace Socktest.Engine;

/// <summary>
/// The filters, statistics and socket table behind a generated switch, with Go's socktest semantics call for call.
/// Generated code brackets each real call with a <c>Begin</c> and an <c>End</c>; user code goes through the switch.
/// </summary>
/// <remarks>
/// No call takes a lock. The socket table is indexed by descriptor number and read without a lock; counters are
/// per cookie, striped by thread (a thread that owns its stripe writes it plainly, the rest share one stripe updated
/// with <see cref="Interlocked"/>, see <see cref="StatCounters"/>); filters sit in an array read with
/// <see cref="Volatile"/>. <see cref="Stats"/>, <see cref="Sockets"/> and <see cref="Snapshot"/> freeze the table (see
/// <see cref="SocketTable"/>) so that a snapshot never sees a socket counted but not tabled, or the reverse.
/// A close marks its entry closing before the syscall instead of deleting it afterwards (Go's order): when another
/// thread's socket or accept gets the same descriptor number back before the closer has finished its bookkeeping,
/// the new socket counts the old one's close and takes the row, and the closer, seeing a newer generation, leaves
/// both alone. Nothing on a path without filters allocates.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class SwitchCore
{
    private readonly Filter?[] _filters = new Filter?[FilterTypes.Count];
    private readonly SocketTable _table = new();
    private readonly CookieRegistry _stats = new();
    private readonly int _frameId = FilterFrames.NewId();
    private readonly Func<int, int>? _closeDescriptor;
    private Action<string>? _closeReleaseReport;

    /// <summary>Creates the state of one switch. For generated code only: a user makes a switch with the generated
    /// switch's constructor.</summary>
    /// <param name="closeDescriptor">Closes a descriptor the switch opened on the caller's behalf when a filter fails
    /// the call afterwards, through the implementation that opened it; <see langword="null"/> when there is none.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public SwitchCore(Func<int, int>? closeDescriptor) => _closeDescriptor = closeDescriptor;

    /// <summary>Makes every close release its descriptor: a close that a filter fails or throws in still reaches the
    /// kernel, and the caller still gets the filter's errno or exception. For the process-wide switch, whose caller
    /// (the runtime) never retries a close. Set before the switch is in use.</summary>
    /// <param name="report">Told, in a sentence, each time a filter's verdict was not honoured: a close's cancellation,
    /// or an EINTR past the bound the runtime's retries need (see <see cref="MaxConsecutiveInterruptions"/>).</param>
    internal void ReleaseEveryClose(Action<string> report) => _closeReleaseReport = report;

    /// <summary>Deploys <paramref name="filter"/> for calls of <paramref name="type"/>, or clears it (<see cref="ISocketSwitch.Set"/>).</summary>
    public void Set(FilterType type, Filter? filter)
    {
        int index = Index(type);
        lock (_gateLock)
        {
            _deployed[index] = filter;
            Volatile.Write(ref _filters[index], Gated(type, filter));
        }
    }

    /// <summary>The filter in place for <paramref name="type"/>, as the last <see cref="Set"/> left it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a <see cref="FilterType"/>.</exception>
    internal Filter? FilterOf(FilterType type) => Volatile.Read(ref _deployed[Index(type)]);

    private int Index(FilterType type)
        => (uint)type < (uint)_filters.Length ? (int)type : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a FilterType.");

    /// <summary>A snapshot of the statistics, one per cookie (<see cref="ISocketSwitch.Stats"/>).</summary>
    public IReadOnlyList<Stat> Stats()
    {
        List<Stat> stats;
        _table.Freeze();
        try
        {
            stats = CollectStatsFrozen();
        }
        finally
        {
            _table.Thaw();
        }

        return SortByCookie(stats);
    }

    /// <summary>A snapshot of the socket table: descriptor to status (<see cref="ISocketSwitch.Sockets"/>).</summary>
    public IReadOnlyDictionary<int, Status> Sockets()
    {
        _table.Freeze();
        try
        {
            return _table.CollectFrozen();
        }
        finally
        {
            _table.Thaw();
        }
    }

    /// <summary>Whether a socket that <paramref name="ignore"/> does not excuse is open, read without stopping the
    /// table's writers (<see cref="SocketTable.AnyOpenSettled"/>): for the leak check's looks.</summary>
    internal bool AnyOpenSettled(Func<Status, bool>? ignore) => _table.AnyOpenSettled(ignore);

    /// <summary>The socket table and the statistics under one freeze, so that they agree: for every cookie, the sockets
    /// the table holds are exactly the ones its statistics count as opened or accepted and not yet closed. Reading
    /// <see cref="Sockets"/> and then <see cref="Stats"/> freezes twice, and a close between the two shows a socket
    /// in the table next to counters that have already counted its close. For the leak report.</summary>
    /// <returns>The table (descriptor to status) and the statistics, one per cookie.</returns>
    internal (IReadOnlyDictionary<int, Status> Sockets, IReadOnlyList<Stat> Stats) Snapshot()
    {
        Dictionary<int, Status> sockets;
        List<Stat> stats;
        _table.Freeze();
        try
        {
            sockets = _table.CollectFrozen();
            stats = CollectStatsFrozen();
        }
        finally
        {
            _table.Thaw();
        }

        return (sockets, SortByCookie(stats));
    }

    /// <summary>A task that completes when a tracked socket's close next takes it out of the table (see
    /// <see cref="SocketTable.NextClose"/>).</summary>
    internal Task NextClose() => _table.NextClose();

    /// <summary>The statistics, in no order; call between <see cref="SocketTable.Freeze"/> and
    /// <see cref="SocketTable.Thaw"/>.</summary>
    private List<Stat> CollectStatsFrozen()
    {
        var stats = new List<Stat>();
        foreach (var counters in _stats.All())
        {
            if (counters.Snapshot() is { } stat)
            {
                stats.Add(stat);
            }
        }

        return stats;
    }

    private static List<Stat> SortByCookie(List<Stat> stats)
    {
        stats.Sort(static (left, right) => left.Cookie.CompareTo(right.Cookie));
        return stats;
    }

    /// <summary>Go's <c>forceCloseSockets</c>: forgets every socket in the table and closes it through the
    /// implementation the switch wraps, with no filter and nothing counted. Go closes behind its switch's back and
    /// leaves the entries; here they leave the table, so <see cref="Sockets"/> is empty afterwards and a reused number
    /// is never taken for the old socket. A socket whose close is in flight on another thread is left to that close.</summary>
    /// <returns>The descriptors closed, in order.</returns>
    /// <exception cref="InvalidOperationException">The switch has no way to close a descriptor: its interface declares
    /// no <c>Close</c> and it wraps another implementation than libc.</exception>
    public IReadOnlyList<int> ForceCloseSockets()
    {
        var close = _closeDescriptor ?? throw new InvalidOperationException(
            "This switch cannot close descriptors: its interface declares no Close, and it wraps an implementation other than libc.");
        var forgotten = _table.ForgetOpen();
        foreach (int fd in forgotten)
        {
            close(fd);
        }

        return forgotten;
    }

    /// <summary>Tracks a socket that was opened before this switch saw it, counting it as <see cref="Stat.Adopted"/>
    /// (neither opened nor accepted: this switch saw neither): from now on its calls are filtered and counted here, and
    /// its close is counted as Go counts one, so the books still balance. For <c>SocketScope.Track</c>.</summary>
    /// <param name="fd">The open descriptor.</param>
    /// <param name="cookie">Its family, type and protocol.</param>
    internal void Adopt(int fd, Cookie cookie) => _table.Add(fd, _stats.For(cookie), CounterKind.Adopted);

    /// <summary>Whether <paramref name="fd"/> is in the table: opened (or adopted) here and not yet closed.</summary>
    /// <param name="fd">The descriptor.</param>
    /// <returns>Whether the switch tracks it.</returns>
    internal bool Tracks(int fd) => _table.TryBegin(fd, false, out _, out _, out _);

    /// <summary>Runs the Socket filter. Returns <see langword="false"/> when it cancelled the call.</summary>
    /// <param name="family">The address family.</param>
    /// <param name="type">The socket type.</param>
    /// <param name="protocol">The protocol.</param>
    /// <param name="call">The call's state.</param>
    /// <returns>Whether to make the call.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool BeginSocket(int family, int type, int protocol, out SwitchCall call)
    {
        call = default;
        call.Fd = -1;
        var cookie = Cookie.Of(family, type, protocol);
        var filter = Volatile.Read(ref _filters[(int)FilterType.Socket]);
        if (filter is null && Volatile.Read(ref _observer) is null)
        {
            // Neither a filter nor the trace reads the call's Status: the counters of its cookie are all End needs.
            call.Counters = _stats.For(cookie);
            return true;
        }

        call.Status = new Status(cookie, Errno.None, Errno.None);
        return filter is null || RunFilter(FilterType.Socket, filter, ref call);
    }

    /// <summary>Looks the descriptor up and, when it is tracked, runs the filter of <paramref name="type"/>.</summary>
    /// <param name="type">The kind of call.</param>
    /// <param name="fd">The descriptor the call is on.</param>
    /// <param name="call">The call's state.</param>
    /// <returns>How to go on.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CallDisposition Begin(FilterType type, int fd, out SwitchCall call)
    {
        var disposition = Look(type, fd, out call, out var filter);
        return filter is null ? disposition : BeginFiltered(type, filter, ref call);
    }

    /// <summary>Like <see cref="Begin"/>, for <c>Connect</c>: the filter sees the destination in
    /// <see cref="Status.Peer"/> (read from <paramref name="address"/> only when a filter is set).</summary>
    /// <param name="fd">The descriptor the call is on.</param>
    /// <param name="address">The destination's <c>sockaddr</c>.</param>
    /// <param name="call">The call's state.</param>
    /// <returns>How to go on.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CallDisposition BeginConnect(int fd, ReadOnlySpan<byte> address, out SwitchCall call)
    {
        var disposition = Look(FilterType.Connect, fd, out call, out var filter);
        if (filter is null)
        {
            return disposition;
        }

        call.Status = call.Status with { Peer = SocketAddresses.ToEndPoint(address) };
        return BeginFiltered(FilterType.Connect, filter, ref call);
    }

    /// <summary>Like <see cref="Begin"/>, for <c>GetsockoptInt</c>: the filter sees the option in
    /// <see cref="Status.Level"/> and <see cref="Status.Option"/>.</summary>
    /// <param name="fd">The descriptor the call is on.</param>
    /// <param name="level">The option's level.</param>
    /// <param name="option">The option.</param>
    /// <param name="call">The call's state.</param>
    /// <returns>How to go on.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CallDisposition BeginGetsockoptInt(int fd, int level, int option, out SwitchCall call)
    {
        var disposition = Look(FilterType.GetsockoptInt, fd, out call, out var filter);
        if (filter is null)
        {
            return disposition;
        }

        call.Status = call.Status with { Level = level, Option = option };
        return BeginFiltered(FilterType.GetsockoptInt, filter, ref call);
    }

    /// <summary>Looks the descriptor up for a call of <paramref name="type"/> (a close marks it closing) and, when it is
    /// tracked, fills in the call's state and reads the filter. The call's <see cref="Status"/>, which only filters and
    /// the trace read, is made only when one of them is there: a call with neither pays nothing for it.</summary>
    /// <param name="type">The kind of call.</param>
    /// <param name="fd">The descriptor the call is on.</param>
    /// <param name="call">The call's state.</param>
    /// <param name="filter">The filter to run, or <see langword="null"/> when there is none or the descriptor is not
    /// tracked.</param>
    /// <returns>How to go on when there is no filter to run.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private CallDisposition Look(FilterType type, int fd, out SwitchCall call, out Filter? filter)
    {
        call = default;
        if (!_table.TryBegin(fd, type == FilterType.Close, out call.Generation, out var cookie, out call.Counters))
        {
            filter = null;
            return CallDisposition.PassThrough;
        }

        call.Fd = fd;
        filter = Volatile.Read(ref _filters[(int)type]);
        if (filter is not null || Volatile.Read(ref _observer) is not null)
        {
            call.Status = new Status(cookie, Errno.None, Errno.None) { Descriptor = fd, Generation = call.Generation };
        }

        return CallDisposition.Proceed;
    }

    /// <summary>Like <see cref="Begin"/>, for a call that moves data (<c>Send</c>, <c>Recv</c>): the filter sees the
    /// number of bytes asked for in <see cref="Status.Requested"/> and may limit it (<see cref="FilterResult.Limit(int)"/>);
    /// the real call is then made with <see cref="Cut(in SwitchCall, ReadOnlySpan{byte})"/> of the buffer.</summary>
    /// <param name="type">The kind of call.</param>
    /// <param name="fd">The descriptor the call is on.</param>
    /// <param name="requested">The buffer's length.</param>
    /// <param name="call">The call's state.</param>
    /// <returns>How to go on.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CallDisposition BeginTransfer(FilterType type, int fd, int requested, out SwitchCall call)
    {
        var disposition = Look(type, fd, out call, out var filter);
        if (filter is null)
        {
            return disposition;
        }

        call.Status = call.Status with { Requested = requested };
        return BeginFiltered(type, filter, ref call);
    }

    /// <summary>The part of a data call's buffer the filter lets it move: all of it, or the first
    /// <see cref="FilterResult.MaxBytes"/> bytes.</summary>
    /// <param name="call">The call's state.</param>
    /// <param name="buffer">The caller's buffer.</param>
    /// <returns>The buffer, or its start.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Cut(in SwitchCall call, ReadOnlySpan<byte> buffer)
        => call.MaxBytes > 0 && call.MaxBytes < buffer.Length ? buffer.Slice(0, call.MaxBytes) : buffer;

    /// <summary>The part of a data call's buffer the filter lets it move: all of it, or the first
    /// <see cref="FilterResult.MaxBytes"/> bytes.</summary>
    /// <param name="call">The call's state.</param>
    /// <param name="buffer">The caller's buffer.</param>
    /// <returns>The buffer, or its start.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<byte> Cut(in SwitchCall call, Span<byte> buffer)
        => call.MaxBytes > 0 && call.MaxBytes < buffer.Length ? buffer.Slice(0, call.MaxBytes) : buffer;

    /// <summary>Returns -1 with the errno the filter chose.</summary>
    /// <param name="call">The cancelled call.</param>
    /// <returns>-1.</returns>
    public static int Cancel(in SwitchCall call) => Fail(call.CancelError);

    /// <summary>Finishes <c>Socket</c>: after-filter, then the table and statistics.</summary>
    /// <param name="call">The call's state.</param>
    /// <param name="fd">What the real call returned.</param>
    /// <returns>What the caller gets.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int EndSocket(ref SwitchCall call, int fd) => EndOpen(ref call, fd, accepted: false);

    /// <summary>Finishes <c>Accept</c> or <c>Accept4</c>: after-filter, then the table and statistics. The accepted
    /// descriptor inherits the listener's cookie.</summary>
    /// <param name="call">The call's state.</param>
    /// <param name="fd">What the real call returned.</param>
    /// <returns>What the caller gets.</returns>
    public int EndAccept(ref SwitchCall call, int fd) => EndOpen(ref call, fd, accepted: true);

    /// <summary>Finishes <c>Connect</c>.</summary>
    /// <param name="call">The call's state.</param>
    /// <param name="result">What the real call returned.</param>
    /// <returns>What the caller gets.</returns>
    public int EndConnect(ref SwitchCall call, int result) => EndCounted(FilterType.Connect, ref call, result, CounterKind.Connected, CounterKind.ConnectFailed);

    /// <summary>Finishes <c>Listen</c>.</summary>
    /// <param name="call">The call's state.</param>
    /// <param name="result">What the real call returned.</param>
    /// <returns>What the caller gets.</returns>
    public int EndListen(ref SwitchCall call, int result) => EndCounted(FilterType.Listen, ref call, result, CounterKind.Listened, CounterKind.ListenFailed);

    /// <summary>Finishes <c>Bind</c>.</summary>
    /// <param name="call">The call's state.</param>
    /// <param name="result">What the real call returned.</param>
    /// <returns>What the caller gets.</returns>
    public int EndBind(ref SwitchCall call, int result) => EndCounted(FilterType.Bind, ref call, result, CounterKind.Bound, CounterKind.BindFailed);

    /// <summary>Finishes <c>Shutdown</c>, which has no counters: only its after-filter runs.</summary>
    /// <param name="call">The call's state.</param>
    /// <param name="result">What the real call returned.</param>
    /// <returns>What the caller gets.</returns>
    public int EndShutdown(ref SwitchCall call, int result) => EndCounted(FilterType.Shutdown, ref call, result, -1, -1);

    /// <summary>Finishes <c>Send</c>: the bytes sent, or a failure (EAGAIN included), are counted.</summary>
    /// <param name="call">The call's state.</param>
    /// <param name="result">What the real call returned: the bytes sent, or -1.</param>
    /// <returns>What the caller gets.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int EndSend(ref SwitchCall call, int result) => EndTransfer(FilterType.Send, ref call, result, CounterKind.BytesSent, CounterKind.SendFailed, peek: false);

    /// <summary>Finishes <c>Recv</c>: the bytes received (0 at the end of the stream), or a failure (EAGAIN included),
    /// are counted. A receive with MSG_PEEK takes nothing from the socket, so its bytes count nowhere (its after-filter
    /// sees <see cref="Status.Transferred"/> 0, and the trace marks it <see cref="TraceEntry.Peek"/>); its failure
    /// still counts as RecvFailed.</summary>
    /// <param name="call">The call's state.</param>
    /// <param name="result">What the real call returned: the bytes received, or -1.</param>
    /// <param name="flags">The MSG_* flags the call was made with.</param>
    /// <returns>What the caller gets.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int EndRecv(ref SwitchCall call, int result, int flags)
        => EndTransfer(FilterType.Recv, ref call, result, CounterKind.BytesReceived, CounterKind.RecvFailed, IsPeek(flags));

    /// <summary>Finishes <c>GetsockoptInt</c>: the value read becomes <see cref="Status.SocketErr"/>; SO_ERROR reading 0
    /// or EISCONN counts as connected.</summary>
    /// <param name="call">The call's state.</param>
    /// <param name="result">What the real call returned.</param>
    /// <param name="option">The option read.</param>
    /// <param name="value">The value read.</param>
    /// <returns>What the caller gets.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int EndGetsockoptInt(ref SwitchCall call, int result, int option, int value)
    {
        var error = ErrorOf(result);
        if (call.After is not null)
        {
            call.Status = call.Status with { Err = error, SocketErr = new Errno(value) };
            var afterError = RunAfter(ref call);
            if (afterError.Value != 0)
            {
                return Failed(FilterType.GetsockoptInt, in call, afterError, injected: true);
            }
        }

        BookGetsockoptInt(call.Counters!, result, option, value);
        return result < 0 ? Failed(FilterType.GetsockoptInt, in call, error, injected: false) : Succeeded(FilterType.GetsockoptInt, in call, result);
    }

    /// <summary>Finishes <c>Close</c>. An after-filter error leaves the entry in the table, as in Go.</summary>
    /// <param name="call">The call's state.</param>
    /// <param name="result">What the real call returned.</param>
    /// <returns>What the caller gets.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int EndClose(ref SwitchCall call, int result)
    {
        var error = ErrorOf(result);
        if (call.After is not null || call.Deferred is not null)
        {
            return EndCloseFiltered(ref call, result, error);
        }

        BookClose(call.Fd, call.Generation, call.Counters!, result);
        return result < 0 ? Failed(FilterType.Close, in call, error, injected: false) : Succeeded(FilterType.Close, in call, result);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int EndOpen(ref SwitchCall call, int fd, bool accepted)
    {
        var error = ErrorOf(fd);
        if (call.After is not null)
        {
            var afterError = RunOpenAfter(ref call, fd, error);
            if (afterError.Value != 0)
            {
                return Failed(OpenType(accepted), in call, afterError, injected: true);
            }
        }

        // An accepted socket inherits the listener's cookie, whose counters Begin found; a new one looks its up.
        long generation = BookOpen(call.Counters ?? _stats.For(call.Status.Cookie), fd, accepted);
        if (fd < 0)
        {
            return Failed(OpenType(accepted), in call, error, injected: false);
        }

        if (_observer is { } observer)
        {
            observer.Opened(OpenType(accepted), in call, fd, generation);
        }

        return fd;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int EndTransfer(FilterType type, ref SwitchCall call, int result, int bytesKind, int failedKind, bool peek)
    {
        var error = ErrorOf(result);
        if (call.After is not null)
        {
            call.Status = call.Status with { Err = error, Transferred = peek ? 0 : Math.Max(result, 0) };
            var afterError = RunAfter(ref call);
            if (afterError.Value != 0)
            {
                return Failed(type, in call, afterError, injected: true);
            }
        }

        if (!peek || result < 0)
        {
            BookTransfer(call.Counters!, result, bytesKind, failedKind);
        }

        return result < 0 ? Failed(type, in call, error, injected: false, peek) : Succeeded(type, in call, result, peek);
    }

    /// <summary>Finishes a call with one counter for success and one for failure (-1: none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int EndCounted(FilterType type, ref SwitchCall call, int result, int countedKind, int failedKind)
    {
        var error = ErrorOf(result);
        if (call.After is not null)
        {
            call.Status = call.Status with { Err = error };
            var afterError = RunAfter(ref call);
            if (afterError.Value != 0)
            {
                return Failed(type, in call, afterError, injected: true);
            }
        }

        BookCounted(call.Counters!, result, countedKind, failedKind);
        return result < 0 ? Failed(type, in call, error, injected: false) : Succeeded(type, in call, result);
    }
}
