using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Socktest.Engine;

/// <summary>The filter side of <see cref="SwitchCore"/>: off the fast path, which only checks that no filter is set.
/// Here are the exception guards: a filter that throws never leaves a descriptor open or a closing mark behind.</summary>
public sealed partial class SwitchCore
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private CallDisposition BeginFiltered(FilterType type, Filter filter, ref SwitchCall call)
    {
        bool closing = type == FilterType.Close;
        bool proceed;
        try
        {
            proceed = RunFilter(filter, ref call);
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

    /// <summary>Runs a close's after-filter; its error (or exception) leaves the entry in the table, no longer closing.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Errno RunCloseAfter(ref SwitchCall call, Errno error)
    {
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
        }

        return afterError;
    }

    /// <summary>Runs a socket's or accept's after-filter; on its error (or exception) the new descriptor, which the
    /// caller will never see, is closed through the implementation that opened it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Errno RunOpenAfter(ref SwitchCall call, int fd, Errno error)
    {
        call.Status = call.Status with { Err = error };
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

    private void ClearClosing(in SwitchCall call) => _table.ClearClosing(call.Fd, call.Generation);

    private void CloseQuietly(int fd) => _closeDescriptor?.Invoke(fd);

    private static bool RunFilter(Filter filter, ref SwitchCall call)
    {
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Errno ErrorOf(int result) => result >= 0 ? Errno.None : LastError();

    private static Errno LastError()
    {
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
