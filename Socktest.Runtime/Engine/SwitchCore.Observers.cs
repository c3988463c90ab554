using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Socktest.Engine;

/// <summary>The opt-in observers of <see cref="SwitchCore"/>: the call trace and the open-site stack traces. Off, they
/// cost each call one read of <see cref="_observer"/> and a branch.</summary>
public sealed partial class SwitchCore
{
    private readonly object _observerGate = new();
    private CallObserver? _observer;
    private OpenSites? _sites;

    /// <summary>Starts <paramref name="trace"/>, replacing the trace in place (which keeps what it recorded).</summary>
    internal void StartTrace(SocketTrace trace) => ChangeObserver(() => (trace, _observer?.Sites));

    /// <summary>Stops <paramref name="trace"/> if it is the trace in place.</summary>
    internal void StopTrace(SocketTrace trace)
        => ChangeObserver(() => (ReferenceEquals(_observer?.Trace, trace) ? null : _observer?.Trace, _observer?.Sites));

    /// <summary>Records, or stops recording, where each new socket is opened. Sites already recorded are kept for
    /// the sockets still open.</summary>
    internal void RecordOpenSites(bool record)
        => ChangeObserver(() => (_observer?.Trace, record ? _sites ??= new OpenSites() : null));

    /// <summary>Where the socket <paramref name="fd"/> of <paramref name="generation"/> was opened, if recorded.</summary>
    internal StackTrace? OpenSite(int fd, long generation) => Volatile.Read(ref _sites)?.Find(fd, generation);

    /// <summary>Traces a call that failed, and returns -1 with its errno.</summary>
    private int Failed(FilterType type, in SwitchCall call, Errno error, bool injected, bool peek = false)
    {
        if (_observer is { } observer && Described(in call))
        {
            observer.Record(type, in call, -1, error, injected, peek);
        }

        return Fail(error);
    }

    /// <summary>Traces a call that succeeded, and returns its result.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Succeeded(FilterType type, in SwitchCall call, int result, bool peek = false)
    {
        if (_observer is { } observer && Described(in call))
        {
            observer.Record(type, in call, result, Errno.None, injected: false, peek);
        }

        return result;
    }

    /// <summary>Whether the call's status was made at its <c>Begin</c>: a call begun before the trace started, with no
    /// filter, has none, and the trace leaves it out (it records the calls begun while it runs).</summary>
    private static bool Described(in SwitchCall call) => call.Status.Cookie != default;

    private static FilterType OpenType(bool accepted) => accepted ? FilterType.Accept : FilterType.Socket;

    private void ChangeObserver(System.Func<(SocketTrace? Trace, OpenSites? Sites)> change)
    {
        lock (_observerGate)
        {
            var (trace, sites) = change();
            Volatile.Write(ref _observer, trace is null && sites is null ? null : new CallObserver(trace, sites));
        }
    }
}
