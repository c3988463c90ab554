using System;
using System.Diagnostics;
using System.Threading;

namespace Socktest.Kit;

/// <summary>The one way the runtime waits out an injected delay, on the clock the test gave it, until the delay has
/// passed or the switch it was injected for has ended.</summary>
internal static class Waits
{
    /// <summary>The longest single wait the operating system accepts; longer delays are waited out in pieces.</summary>
    private static readonly TimeSpan Piece = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    /// <summary>Checks a delay: zero or more (any length, <see cref="TimeSpan.MaxValue"/> included), or
    /// <see cref="Timeout.InfiniteTimeSpan"/> for a wait that lasts until the switch ends.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    internal static TimeSpan Checked(TimeSpan delay, string parameterName)
        => delay < TimeSpan.Zero && delay != Timeout.InfiniteTimeSpan
            ? throw new ArgumentOutOfRangeException(parameterName, delay,
                $"A delay is zero or more, or Timeout.InfiniteTimeSpan (wait until the switch or scope ends); {parameterName} was {delay}.")
            : delay;

    /// <summary>Blocks the calling thread until <paramref name="delay"/> has passed on <paramref name="time"/>, or
    /// <paramref name="ending"/> is cancelled (the switch ended): <see langword="null"/> or
    /// <see cref="TimeProvider.System"/> waits on the ending's handle, in pieces the OS accepts; any other provider (a
    /// <c>FakeTimeProvider</c>) decides when the time has passed, through a timer it creates.
    /// <see cref="Timeout.InfiniteTimeSpan"/> waits for the ending alone.</summary>
    /// <returns>Whether the whole delay passed (<see langword="false"/>: the switch ended first).</returns>
    internal static bool Block(TimeSpan delay, TimeProvider? time, CancellationToken ending)
    {
        if (delay == TimeSpan.Zero)
        {
            return true;
        }

        bool forever = delay == Timeout.InfiniteTimeSpan;
        if (time is null || ReferenceEquals(time, TimeProvider.System) || forever)
        {
            // No timer: a timer's callback needs a thread-pool thread, and the caller may be blocking one of the last.
            var waited = Stopwatch.StartNew();
            while (true)
            {
                // The clock is read once a turn: read again for the piece, it could be past the delay by then, and a
                // negative wait throws.
                var remaining = forever ? Piece : delay - waited.Elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    return true;
                }

                var piece = remaining > Piece ? Piece : remaining;
                if (ending.CanBeCanceled ? ending.WaitHandle.WaitOne(piece) : SleepFor(piece))
                {
                    return false;
                }
            }
        }

        using var elapsed = new ManualResetEventSlim(initialState: false);
        using (time.CreateTimer(static state => ((ManualResetEventSlim)state!).Set(), elapsed, delay, Timeout.InfiniteTimeSpan))
        {
            try
            {
                elapsed.Wait(ending);
                return true;
            }
            catch (OperationCanceledException) when (ending.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    private static bool SleepFor(TimeSpan piece)
    {
        Thread.Sleep(piece);
        return false;
    }
}
