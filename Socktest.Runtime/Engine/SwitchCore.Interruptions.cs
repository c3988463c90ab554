using System;
using System.Runtime.CompilerServices;

namespace Socktest.Engine;

/// <summary>A bound on injected EINTR under the process-wide switch: the .NET runtime retries a call that fails with
/// EINTR at once, so a filter that returns EINTR every time would spin that thread forever. After
/// <see cref="MaxConsecutiveInterruptions"/> in a row for one call on one thread, the call goes to the kernel and the
/// switch says so in its unhonoured verdicts. Counted interruptions (<c>Faults.First(3, Errno.EINTR)</c>) are far
/// below the bound and behave as asked.</summary>
public sealed partial class SwitchCore
{
    /// <summary>How many EINTRs in a row one call may be given before it is let through.</summary>
    internal const int MaxConsecutiveInterruptions = 100;

    [ThreadStatic]
    private static int t_interruptions;

    [ThreadStatic]
    private static long t_interruptedCall;

    /// <summary>Whether to honour <paramref name="result"/>: always, except an EINTR that would make one more in a row
    /// than <see cref="MaxConsecutiveInterruptions"/> for the same call on this thread, on a switch whose caller is the
    /// runtime (one that reports unhonoured verdicts).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool HonoursInterruption(FilterType type, in SwitchCall call, FilterResult result)
    {
        if (_closeReleaseReport is not { } report)
        {
            return true;
        }

        if (!result.IsFailure || result.Error != Errno.EINTR)
        {
            t_interruptions = 0;
            return true;
        }

        long key = ((long)type << 32) | (uint)call.Fd;
        if (t_interruptedCall != key)
        {
            t_interruptedCall = key;
            t_interruptions = 0;
        }

        if (++t_interruptions <= MaxConsecutiveInterruptions)
        {
            return true;
        }

        t_interruptions = 0;
        report($"{type.ToString().ToLowerInvariant()}({call.Fd}) {call.Status.Cookie}: a {type} filter returned EINTR {MaxConsecutiveInterruptions} times in a row; "
            + "the .NET runtime retries EINTR at once, so the call went to the kernel to end the loop. Use Faults.First(n, Errno.EINTR) for a counted interruption.");
        return false;
    }
}
