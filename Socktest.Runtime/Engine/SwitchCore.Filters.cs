using System;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace Socktest.Engine;

/// <summary>The filter side of <see cref="SwitchCore"/>: off the fast path, which only checks that no filter is set.
/// Here are the exception guards: a filter that throws never leaves a descriptor open or a closing mark behind; and
/// the re-entrancy guard: a call made from inside this switch's filter runs no filter.</summary>
public sealed partial class SwitchCore
{
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private CallDisposition BeginFiltered(FilterType type, Filter filter, ref SwitchCall call)
    {
        bool closing = type == FilterType.Close;
        bool proceed;
        try
        {
            proceed = RunFilter(type, filter, ref call);
        }
        catch (Exception exception) when (closing)
        {
            if (_closeReleaseReport is not null)
            {
                call.Deferred = ExceptionDispatchInfo.Capture(exception);
                return CallDisposition.Proceed;
            }

            Withdraw(in call);
            throw;
        }

        if (!proceed && closing)
        {
            if (_closeReleaseReport is not null)
            {
                call.Deferred = call.CancelError;
                return CallDisposition.Proceed;
            }

            Withdraw(in call);
        }

        return proceed ? CallDisposition.Proceed : CallDisposition.Cancelled;
    }

    /// <summary>Finishes a close that has an after-filter, or whose filter's verdict waits for the kernel's close
    /// (see <see cref="ReleaseEveryClose"/>). Go's rule: an after-filter error (or exception) leaves the entry in the
    /// table and counts nothing; when every close must release its descriptor, the kernel's outcome is counted and
    /// the filter's error or exception reaches the caller afterwards.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private int EndCloseFiltered(ref SwitchCall call, int result, Errno error)
    {
        bool releases = _closeReleaseReport is not null;
        var afterError = Errno.None;
        ExceptionDispatchInfo? afterException = null;
        if (call.After is not null)
        {
            call.Status = call.Status with { Err = error };
            try
            {
                afterError = RunAfter(ref call);
            }
            catch (Exception exception) when (releases)
            {
                afterException = ExceptionDispatchInfo.Capture(exception);
            }
            catch
            {
                Settle(in call, CloseOutcome.AfterFailed);
                throw;
            }

            if (afterError.Value != 0 && !releases)
            {
                Settle(in call, CloseOutcome.AfterFailed);
                return Failed(FilterType.Close, in call, afterError, injected: true);
            }
        }

        Settle(in call, error.Value == 0 ? CloseOutcome.Closed : CloseOutcome.Failed);
        var thrown = call.Deferred as ExceptionDispatchInfo ?? afterException;
        var injected = call.Deferred is Errno deferred ? deferred : afterError;
        if (releases && (injected.Value != 0 || thrown is not null))
        {
            _closeReleaseReport!(DescribeReleasedClose(in call, error, injected, thrown));
        }

        thrown?.Throw();
        if (injected.Value != 0)
        {
            return Failed(FilterType.Close, in call, injected, injected: true);
        }

        return error.Value != 0 ? Failed(FilterType.Close, in call, error, injected: false) : Succeeded(FilterType.Close, in call, result);
    }

    private static string DescribeReleasedClose(in SwitchCall call, Errno kernelError, Errno injected, ExceptionDispatchInfo? thrown)
    {
        string verdict = thrown is not null
            ? "a Close filter threw " + thrown.SourceException.GetType().Name
            : "a Close filter returned " + injected;
        string kernel = kernelError.Value == 0 ? "closed" : "closed (the kernel said " + kernelError + ")";
        string delivered = thrown is not null ? "the call failed with EIO" : "the call reported " + injected;
        return $"close({call.Fd}) {call.Status.Cookie}: {verdict}; the descriptor was {kernel} anyway, because the runtime never retries a close, and {delivered}";
    }

    /// <summary>Runs a socket's or accept's after-filter; on its error (or exception) the new descriptor, which the
    /// caller will never see, is closed through the implementation that opened it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private Errno RunOpenAfter(ref SwitchCall call, int fd, Errno error)
    {
        // A Socket call is on no descriptor until it succeeds; an accept stays on its listener.
        int descriptor = call.Fd < 0 ? Math.Max(fd, -1) : call.Fd;
        call.Status = call.Status with { Err = error, Descriptor = descriptor };
        Errno afterError;
        try
        {
            afterError = RunAfter(ref call);
        }
        catch when (fd >= 0)
        {
            CloseQuietly(fd);
            throw;
        }

        if (afterError.Value != 0 && fd >= 0)
        {
            CloseQuietly(fd);
        }

        return afterError;
    }

    private void Withdraw(in SwitchCall call) => Settle(in call, CloseOutcome.Withdrawn);

    private void Settle(in SwitchCall call, CloseOutcome outcome) => _table.SettleClose(call.Fd, call.Generation, call.Counters!, outcome);

    private void CloseQuietly(int fd) => _closeDescriptor?.Invoke(fd);

    /// <summary>Runs the filter, unless this switch's filter is already running on this thread: a call a filter makes
    /// runs no filter, so it cannot recurse.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool RunFilter(FilterType type, Filter filter, ref SwitchCall call)
    {
        if (!FilterFrames.TryEnter(_frameId, out var frame))
        {
            return true;
        }

        if (call.Fd >= 0)
        {
            // Which socket of this switch the call is on, for filters that pick one (SocketMatch.NthSocket): read only
            // here, where a filter is about to run, so calls without one pay nothing for it.
            call.Status = call.Status with { SocketOrdinal = _table.OrdinalOf(call.Fd, call.Generation) };
        }

        FilterResult result;
        var outer = EnterFilter();
        try
        {
            using (frame)
            {
                result = filter(call.Status);
            }
        }
        finally
        {
            LeaveFilter(outer);
        }

        if (!HonoursInterruption(type, in call, result))
        {
            result = default;
        }

        call.Source = filter;
        if (result.KernelFault != KernelFault.None)
        {
            result = MakeKernelFault(type, result, in call);
        }

        if (result.IsFailure)
        {
            call.CancelError = result.Error;

            // A close that must reach the kernel anyway is traced when it has (EndCloseFiltered).
            if (_observer is { } observer && !(type == FilterType.Close && _closeReleaseReport is not null))
            {
                observer.Record(type, in call, -1, result.Error, injected: true, peek: false);
            }

            return false;
        }

        if (result.MaxBytes > 0)
        {
            if (type is not (FilterType.Send or FilterType.Recv))
            {
                throw new InvalidOperationException(
                    $"A {type} filter returned FilterResult.Limit({result.MaxBytes}); only Send and Recv move data, so only their filters may limit a call.");
            }

            call.MaxBytes = result.MaxBytes;
        }

        call.After = result.Then;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Errno RunAfter(ref SwitchCall call)
    {
        if (call.After is not { } after)
        {
            return Errno.None;
        }

        using (FilterFrames.Enter(_frameId))
        {
            return after(call.Status);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Errno ErrorOf(int result) => result >= 0 ? Errno.None : LastError();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Errno LastError()
    {
        // A failure must stay a failure even when an inner implementation forgot to set an errno.
        int errno = Marshal.GetLastPInvokeError();
        return errno != 0 ? new Errno(errno) : Errno.EIO;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Fail(Errno error)
    {
        Marshal.SetLastPInvokeError(error.Value);
        return -1;
    }
}
