using System.ComponentModel;

namespace Socktest.Engine;

/// <summary>The state of one call between <c>Begin</c> and <c>End</c>; lives on the caller's stack. For generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct SwitchCall
{
    internal Status Status;
    internal AfterFilter? After;
    internal StatCounters? Counters;
    internal Errno CancelError;
    internal int Fd;
    internal long Generation;

    /// <summary>The most bytes a data call may move (<see cref="FilterResult.Limit(int)"/>), or 0 for no limit.</summary>
    internal int MaxBytes;


    /// <summary>The filter that ran for the call, so a trace can name it when it, or its after-filter, failed the call.</summary>
    internal Filter? Source;

    /// <summary>What a filter did to a close that must reach the kernel anyway (process-wide switch): the errno it
    /// injected, or the exception it threw, delivered to the caller once the descriptor is closed.</summary>
    internal object? Deferred;
}
