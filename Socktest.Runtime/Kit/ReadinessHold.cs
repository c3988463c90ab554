using System;
using System.Threading;
using Socktest.Engine;
using Socktest.Interop;
using Socktest.ProcessHooks;

namespace Socktest.Kit;

/// <summary>Holds a data call for a while without a thread: the call gets EAGAIN, and a timer re-signals the socket's
/// readiness (<see cref="Readiness"/>) when the while is over, so the runtime makes the call again then.</summary>
internal static class ReadinessHold
{
    /// <summary>Whether a call on <paramref name="fd"/> can be held so: it is in non-blocking mode, and the switch whose
    /// filter runs reaches the kernel (the process-wide switch and its scopes).</summary>
    internal static bool CanHold(int fd) => fd >= 0 && SwitchCore.FilterReachesKernel && Libc.IsNonBlocking(fd);

    /// <summary>EAGAIN for the call on <paramref name="fd"/>, and its readiness re-signalled after <paramref name="wait"/>
    /// on <paramref name="time"/>'s timers.</summary>
    internal static FilterResult For(int fd, TimeSpan wait, TimeProvider time)
    {
        ITimer? timer = null;
        timer = time.CreateTimer(
            _ =>
            {
                Readiness.Rearm(fd);
                timer?.Dispose();
            },
            null,
            wait,
            Timeout.InfiniteTimeSpan);
        return FilterResult.Fail(Errno.EAGAIN);
    }
}
