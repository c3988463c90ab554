using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Threading;
using Socktest.Interop;

namespace Socktest.Infrastructure;

/// <summary>
/// The filters, statistics and socket table behind a generated switch, with Go's socktest semantics call for call.
/// Generated code brackets each real call with a <c>Begin</c> and an <c>End</c>; user code goes through the switch.
/// </summary>
/// <remarks>
/// No call takes a lock. The socket table is indexed by descriptor number and read without a lock; counters are
/// per cookie, striped by thread and updated with <see cref="Interlocked"/>; filters sit in an array read with
/// <see cref="Volatile"/>. <see cref="Stats"/> and <see cref="Sockets"/> freeze the table (see
/// <see cref="SocketTable"/>) so that a snapshot never sees a socket counted but not tabled, or the reverse.
/// A close marks its entry closing before the syscall instead of deleting it afterwards (Go's order): when another
/// thread's socket or accept gets the same descriptor number back before the closer has finished its bookkeeping,
/// the new socket counts the old one's close and takes the row, and the closer, seeing a newer generation, leaves
/// both alone. Nothing on a path without filters allocates.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SwitchCore : ISocketSwitch
{
    private const int FilterTypeCount = (int)FilterType.Close + 1;

    private readonly Filter?[] _filters = new Filter?[FilterTypeCount];
    private readonly SocketTable _table = new();
    private readonly CookieRegistry _stats = new();
    private readonly Func<int, int>? _closeDescriptor;

    /// <summary>Creates the state of one switch.</summary>
    /// <param name="closeDescriptor">Closes a descriptor the switch opened on the caller's behalf when a filter fails
    /// the call afterwards, through the implementation that opened it; <see langword="null"/> when there is none.</param>
    public SwitchCore(Func<int, int>? closeDescriptor) => _closeDescriptor = closeDescriptor;

    /// <inheritdoc/>
    public void Set(FilterType type, Filter? filter)
    {
        if ((uint)type >= FilterTypeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Not a FilterType.");
        }

        Volatile.Write(ref _filters[(int)type], filter);
    }

    /// <inheritdoc/>
    public IReadOnlyList<Stat> Stats()
    {
        var stats = new List<Stat>();
        _table.Freeze();
        try
        {
            foreach (var counters in _stats.All())
            {
                if (counters.Snapshot() is { } stat)
                {
                    stats.Add(stat);
                }
            }
        }
        finally
        {
            _table.Thaw();
        }

        stats.Sort(static (left, right) => left.Cookie.CompareTo(right.Cookie));
        return stats;
    }

    /// <inheritdoc/>
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

    /// <summary>Runs the Socket filter. Returns <see langword="false"/> when it cancelled the call.</summary>
    /// <param name="family">The address family.</param>
    /// <param name="type">The socket type.</param>
    /// <param name="protocol">The protocol.</param>
    /// <param name="call">The call's state.</param>
    /// <returns>Whether to make the call.</returns>
    public bool BeginSocket(int family, int type, int protocol, out SwitchCall call)
    {
        call = default;
        call.Status = new Status(Cookie.Of(family, type, protocol), Errno.None, Errno.None);
        call.Fd = -1;
        return RunFilter(FilterType.Socket, ref call);
    }

    /// <summary>Looks the descriptor up and, when it is tracked, runs the filter of <paramref name="type"/>.</summary>
    /// <param name="type">The kind of call.</param>
    /// <param name="fd">The descriptor the call is on.</param>
    /// <param name="call">The call's state.</param>
    /// <returns>How to go on.</returns>
    public CallDisposition Begin(FilterType type, int fd, out SwitchCall call)
    {
        call = default;
        bool closing = type == FilterType.Close;
        if (!_table.TryBegin(fd, closing, out long generation, out var cookie, out var counters))
        {
            return CallDisposition.PassThrough;
        }

        call.Status = new Status(cookie, Errno.None, Errno.None);
        call.Counters = counters;
        call.Fd = fd;
        call.Generation = generation;
        if (Volatile.Read(ref _filters[(int)type]) is null)
        {
            return CallDisposition.Proceed;
        }

        bool proceed;
        try
        {
            proceed = RunFilter(type, ref call);
        }
        catch when (closing)
        {
            ClearClosing(in call);
            throw;
        }

        if (!proceed && closing)
        {
            ClearClosing(in call);
        }

        return proceed ? CallDisposition.Proceed : CallDisposition.Cancelled;
    }

    /// <summary>Returns -1 with the errno the filter chose.</summary>
    /// <param name="call">The cancelled call.</param>
    /// <returns>-1.</returns>
    public static int Cancel(in SwitchCall call) => Fail(call.CancelError);

    /// <summary>Finishes <c>Socket</c>: after-filter, then the table and statistics.</summary>
    /// <param name="call">The call's state.</param>
    /// <param name="fd">What the real call returned.</param>
    /// <returns>What the caller gets.</returns>
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
    public int EndConnect(ref SwitchCall call, int result) => EndCounted(ref call, result, FilterType.Connect);

    /// <summary>Finishes <c>Listen</c>.</summary>
    /// <param name="call">The call's state.</param>
    /// <param name="result">What the real call returned.</param>
    /// <returns>What the caller gets.</returns>
    public int EndListen(ref SwitchCall call, int result) => EndCounted(ref call, result, FilterType.Listen);

    /// <summary>Finishes <c>GetsockoptInt</c>: the value read becomes <see cref="Status.SocketErr"/>; SO_ERROR reading 0
    /// or EISCONN counts as connected.</summary>
    /// <param name="call">The call's state.</param>
    /// <param name="result">What the real call returned.</param>
    /// <param name="option">The option read.</param>
    /// <param name="value">The value read.</param>
    /// <returns>What the caller gets.</returns>
    public int EndGetsockoptInt(ref SwitchCall call, int result, int option, int value)
    {
        var error = ErrorOf(result);
        call.Status = call.Status with { Err = error, SocketErr = new Errno(value) };
        var afterError = RunAfter(ref call);
        if (afterError.Value != 0)
        {
            return Fail(afterError);
        }

        if (error.Value != 0)
        {
            return Fail(error);
        }

        if (option == SocketConstants.SO_ERROR && (value == 0 || value == Errno.EISCONN.Value))
        {
            call.Counters!.Increment(CounterKind.Connected);
        }

        return result;
    }

    /// <summary>Finishes <c>Close</c>. An after-filter error leaves the entry in the table, as in Go.</summary>
    /// <param name="call">The call's state.</param>
    /// <param name="result">What the real call returned.</param>
    /// <returns>What the caller gets.</returns>
    public int EndClose(ref SwitchCall call, int result)
    {
        var error = ErrorOf(result);
        call.Status = call.Status with { Err = error };
        Errno afterError;
        try
        {
            afterError = RunAfter(ref call);
        }
        catch
        {
            ClearClosing(in call);
            throw;
        }

        if (afterError.Value != 0)
        {
            ClearClosing(in call);
            return Fail(afterError);
        }

        _table.EndClose(call.Fd, call.Generation, call.Counters!, succeeded: error.Value == 0);
        return error.Value != 0 ? Fail(error) : result;
    }

    private int EndOpen(ref SwitchCall call, int fd, bool accepted)
    {
        var error = ErrorOf(fd);
        call.Status = call.Status with { Err = error };
        Errno afterError;
        try
        {
            afterError = RunAfter(ref call);
        }
        catch when (fd >= 0)
        {
            // The caller never sees this descriptor, so it must not outlive the exception.
            CloseQuietly(fd);
            throw;
        }

        if (afterError.Value != 0)
        {
            if (fd >= 0)
            {
                CloseQuietly(fd);
            }

            return Fail(afterError);
        }

        // An accepted socket inherits the listener's cookie, whose counters Begin found; a new one looks its up.
        var counters = accepted ? call.Counters! : _stats.For(call.Status.Cookie);
        if (error.Value != 0)
        {
            counters.Increment(accepted ? CounterKind.AcceptFailed : CounterKind.OpenFailed);
        }
        else
        {
            _table.Add(fd, counters, accepted ? CounterKind.Accepted : CounterKind.Opened);
        }

        return error.Value != 0 ? Fail(error) : fd;
    }

    private int EndCounted(ref SwitchCall call, int result, FilterType type)
    {
        var error = ErrorOf(result);
        call.Status = call.Status with { Err = error };
        var afterError = RunAfter(ref call);
        if (afterError.Value != 0)
        {
            return Fail(afterError);
        }

        bool failed = error.Value != 0;
        call.Counters!.Increment(type == FilterType.Connect
            ? (failed ? CounterKind.ConnectFailed : CounterKind.Connected)
            : (failed ? CounterKind.ListenFailed : CounterKind.Listened));

        return error.Value != 0 ? Fail(error) : result;
    }

    private void ClearClosing(in SwitchCall call) => _table.ClearClosing(call.Fd, call.Generation);

    private void CloseQuietly(int fd) => _closeDescriptor?.Invoke(fd);

    private bool RunFilter(FilterType type, ref SwitchCall call)
    {
        var filter = Volatile.Read(ref _filters[(int)type]);
        if (filter is null)
        {
            return true;
        }

        var result = filter(call.Status);
        if (result.IsFailure)
        {
            call.CancelError = result.Error;
            return false;
        }

        call.After = result.Then;
        return true;
    }

    private static Errno RunAfter(ref SwitchCall call)
        => call.After is { } after ? after(call.Status) : Errno.None;

    private static Errno ErrorOf(int result)
    {
        if (result >= 0)
        {
            return Errno.None;
        }

        // A failure must stay a failure even when an inner implementation forgot to set an errno.
        int errno = Marshal.GetLastPInvokeError();
        return errno != 0 ? new Errno(errno) : Errno.EIO;
    }

    private static int Fail(Errno error)
    {
        Marshal.SetLastPInvokeError(error.Value);
        return -1;
    }
}
