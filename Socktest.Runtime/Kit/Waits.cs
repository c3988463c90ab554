using System;
using System.Threading;

namespace Socktest.Kit;

/// <summary>The one way the runtime waits out an injected delay, on the clock the test gave it.</summary>
internal static class Waits
{
    /// <summary>Checks a delay's range: from zero to <see cref="int.MaxValue"/> milliseconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside that range.</exception>
    internal static TimeSpan Checked(TimeSpan delay, string parameterName)
        => delay < TimeSpan.Zero || delay.TotalMilliseconds > int.MaxValue
            ? throw new ArgumentOutOfRangeException(parameterName, delay, "A delay is from zero to int.MaxValue milliseconds.")
            : delay;

    /// <summary>Blocks the calling thread until <paramref name="delay"/> has passed on <paramref name="time"/>:
    /// <see langword="null"/> or <see cref="TimeProvider.System"/> sleeps the thread; any other provider (a
    /// <c>FakeTimeProvider</c>) decides when the time has passed, through a timer it creates.</summary>
    internal static void Block(TimeSpan delay, TimeProvider? time)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        if (time is null || ReferenceEquals(time, TimeProvider.System))
        {
            // No timer: a timer's callback needs a thread-pool thread, and the caller may be blocking one of the last.
            Thread.Sleep(delay);
            return;
        }

        using var elapsed = new ManualResetEventSlim(initialState: false);
        using (time.CreateTimer(static state => ((ManualResetEventSlim)state!).Set(), elapsed, delay, Timeout.InfiniteTimeSpan))
        {
            elapsed.Wait();
        }
    }
}
