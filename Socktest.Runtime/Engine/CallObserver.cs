using System.Runtime.CompilerServices;

namespace Socktest.Engine;

/// <summary>What watches a switch's calls when any observer is on: an immutable pair, replaced whole, so the call path
/// reads one field and never a half-changed state.</summary>
internal sealed class CallObserver(SocketTrace? trace, OpenSites? sites)
{
    internal SocketTrace? Trace => trace;

    internal OpenSites? Sites => sites;

    /// <summary>Traces a finished call (a successful open goes through <see cref="Opened"/>); <paramref name="peek"/> marks
    /// a receive with MSG_PEEK.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void Record(FilterType type, in SwitchCall call, int result, Errno error, bool injected, bool peek)
        => trace?.Record(type, call.Fd, call.Status.Cookie, result, error, injected ? call.Source : null, injected, peek);

    /// <summary>A socket or accept that gave a new descriptor: traced, and its open site recorded.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void Opened(FilterType type, in SwitchCall call, int fd, long generation)
    {
        if (call.Status.Cookie != default)
        {
            // A call begun before the trace started has no Status to record (see SwitchCore.Look).
            trace?.Record(type, call.Fd, call.Status.Cookie, fd, Errno.None, null, injected: false, peek: false);
        }

        sites?.Record(fd, generation);
    }
}
