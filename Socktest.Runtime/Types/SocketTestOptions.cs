using System;

namespace Socktest;

/// <summary>How a <see cref="SocketTestWatch"/> (and the test frameworks' glue built on it) watches a test's switch.</summary>
public sealed record SocketTestOptions
{
    /// <summary>Sockets that may stay open at the end of the test, such as <see cref="SocketMatch.RuntimeProbes"/>
    /// under <see cref="ProcessSockets"/>; <see langword="null"/> for none.</summary>
    public Func<Status, bool>? IgnoreLeaks { get; init; }

    /// <summary>How many calls the trace keeps (the last ones); at least 1.</summary>
    public int TraceCapacity { get; init; } = SocketSwitchDiagnostics.DefaultTraceCapacity;

    /// <summary>The clock that timestamps the trace; <see langword="null"/> is <see cref="System.TimeProvider.System"/>.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Whether to record where each socket is opened, for the leak report. Costs a stack trace per socket
    /// (microseconds; see docs/benchmarks.md), so it is off unless asked for.</summary>
    public bool RecordOpenSites { get; init; }

    /// <summary>Whether to check for leaks when the test ends (and fail it on one). On by default.</summary>
    public bool CheckLeaks { get; init; } = true;

    /// <summary>How long <see cref="SocketTestWatch.FinishAsync"/> waits for sockets that are still closing before it
    /// reports them as leaked (see <see cref="SocketSwitchExtensions.AssertNoLeaksAsync"/>); <see langword="null"/> for
    /// 5 seconds. <see cref="SocketTestWatch.Finish"/> does not wait.</summary>
    public TimeSpan? LeakTimeout { get; init; }
}
