using System;
using System.Threading;
using System.Runtime.CompilerServices;

namespace Socktest.Engine;

/// <summary>The end of a switch's life as the filters see it: a delay that a filter or a host filter waits out ends
/// when the switch it runs for ends (a scope disposed, the installed switch disposed or collected), so a test that
/// delays a call for longer than it runs never leaves a thread behind.</summary>
public sealed partial class SwitchCore
{
    [ThreadStatic]
    private static SwitchCore? t_filtering;

    private CancellationTokenSource? _ending;

    /// <summary>Cancelled when <see cref="End"/> runs.</summary>
    internal CancellationToken Ending => EndingSource().Token;

    /// <summary>The <see cref="Ending"/> of the switch whose filter is running on this thread, or
    /// <see cref="CancellationToken.None"/> outside a filter.</summary>
    internal static CancellationToken FilterEnding => t_filtering is { } core ? core.Ending : CancellationToken.None;

    /// <summary>Whether the switch whose filter runs on this thread reaches the kernel's sockets (the process-wide switch
    /// and its scopes), so a filter may hold a call without a thread and have its readiness re-signalled.</summary>
    internal static bool FilterReachesKernel => t_filtering?.Kernel is not null;

    /// <summary>Ends every wait that a filter of this switch is in, and every later one at once.</summary>
    internal void End() => EndingSource().Cancel();

    /// <summary>Makes the switch whose filter runs on this thread known to <see cref="FilterEnding"/> until the returned
    /// value is given back to <see cref="LeaveFilter"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SwitchCore? EnterFilter()
    {
        var outer = t_filtering;
        t_filtering = this;
        return outer;
    }

    private static void LeaveFilter(SwitchCore? outer) => t_filtering = outer;

    private CancellationTokenSource EndingSource()
    {
        var source = Volatile.Read(ref _ending);
        if (source is null)
        {
            var made = new CancellationTokenSource();
            source = Interlocked.CompareExchange(ref _ending, made, null) ?? made;
            if (!ReferenceEquals(source, made))
            {
                made.Dispose();
            }
        }

        return source;
    }
}
