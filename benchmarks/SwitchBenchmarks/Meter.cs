using System;
using System.Diagnostics;

namespace Socktest.Benchmarks;

/// <summary>Starts and stops a timed, allocation-counted run on the current thread.</summary>
internal readonly struct Meter
{
    private readonly long _bytes;
    private readonly long _ticks;

    private Meter(long bytes, long ticks)
    {
        _bytes = bytes;
        _ticks = ticks;
    }

    /// <summary>Starts measuring.</summary>
    public static Meter Start()
    {
        long bytes = GC.GetAllocatedBytesForCurrentThread();
        return new Meter(bytes, Stopwatch.GetTimestamp());
    }

    /// <summary>Stops measuring.</summary>
    /// <param name="ops">Operations made.</param>
    public Sample Stop(long ops)
    {
        long ticks = Stopwatch.GetTimestamp() - _ticks;
        return new Sample(ticks, GC.GetAllocatedBytesForCurrentThread() - _bytes, ops);
    }

    /// <summary>Fails the benchmark on a call that failed.</summary>
    public static int Check(int result, string call)
        => result >= 0 ? result : throw new InvalidOperationException($"{call} failed: {Errno.Last()}");
}
