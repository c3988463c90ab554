using System;
using System.Collections.Generic;
using System.Threading;
using Socktest.Engine;
using Socktest.ProcessHooks;

namespace Socktest;

/// <summary>
/// A switch behind the process-wide hook: the one <see cref="ProcessSockets.Install"/> puts under every socket no
/// scope owns (<see cref="InstalledSocketSwitch"/>), or a per-test <see cref="SocketScope"/>. Dispose it to let go of
/// the hook; the hook is removed when the last switch goes.
/// </summary>
/// <remarks>A switch that is never disposed does not poison the rest of the run: once it is collected it lets go of
/// the hook, and the next <see cref="ProcessSockets.Install"/> or <see cref="ProcessSockets.BeginScope"/> reports, in
/// <see cref="Warnings"/>, where the forgotten one was made.</remarks>
public abstract class ProcessSwitch : ISocketSwitch, ISwitchCoreOwner, IDisposable
{
    private int _disposed;

    private protected ProcessSwitch(HookedSwitch host, IReadOnlyList<string> warnings)
    {
        Host = host;
        Warnings = warnings;
    }

    /// <summary>Finalizes a switch that was never disposed: lets go of the hook and records where it was made.</summary>
    ~ProcessSwitch()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            ProcessSockets.Release(Host, orphaned: true);
        }
    }

    /// <summary>Exceptions thrown by this switch's filters during intercepted calls. They cannot propagate through the
    /// runtime's native code, so the call failed with EIO and the exception is kept here for the test to inspect.</summary>
    /// <returns>A snapshot, in the order they were thrown.</returns>
    public IReadOnlyList<Exception> FilterExceptions() => Host.FilterExceptions();

    /// <summary>Filter verdicts the switch could not honour as asked, one sentence each. A Close filter cannot
    /// cancel a close here: the runtime never retries one, so the descriptor is closed anyway and the call reports
    /// the filter's errno (or EIO, for an exception, which is also in <see cref="FilterExceptions"/>).</summary>
    /// <returns>A snapshot, in the order they happened.</returns>
    public IReadOnlyList<string> UnhonouredFaults() => Host.UnhonouredFaults();

    /// <summary>What was found when this switch was made, such as an earlier switch that was collected without being
    /// disposed, with the place it was made.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Whether <see cref="Dispose"/> has run (or the switch was collected).</summary>
    private protected bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    private protected HookedSwitch Host { get; }

    /// <inheritdoc/>
    SwitchCore? ISwitchCoreOwner.Core => Host.Core;

    /// <inheritdoc/>
    public void Set(FilterType type, Filter? filter) => Host.Core.Set(type, filter);

    /// <inheritdoc/>
    public IReadOnlyList<Stat> Stats() => Host.Core.Stats();

    /// <inheritdoc/>
    public IReadOnlyDictionary<int, Status> Sockets() => Host.Core.Sockets();

    /// <summary>Deploys a filter for the runtime's host-name lookups (<c>Dns</c>, <c>SocketsHttpHandler</c>) that this
    /// switch sees, or clears it with <see langword="null"/>: it can fail a lookup with the resolver's own errors,
    /// delay it, or answer it with addresses of its own (see <see cref="HostFilters"/>). A scope sees the lookups made
    /// from its flow; the installed switch sees the rest. A lookup made from inside the filter runs no filter. A
    /// filter that throws fails the lookup with <c>EAI_FAIL</c> (.NET: <c>NoRecovery</c>) and the exception is kept in
    /// <see cref="FilterExceptions"/>. IP literals are never looked up, so no filter sees them.</summary>
    /// <param name="filter">The filter, or <see langword="null"/>.</param>
    public void SetHostFilter(HostFilter? filter)
    {
        _ownHostFilter = filter;
        var layer = _hostLayer;
        Host.HostFilter = layer is null ? filter : layer(filter);
    }

    private HostFilter? _ownHostFilter;
    private Func<HostFilter?, HostFilter>? _hostLayer;

    /// <summary>Puts a host filter in front of whatever <see cref="SetHostFilter"/> deploys, now and later: the
    /// fault explorer records and fails lookups this way while the scenario maps its own names.</summary>
    /// <param name="layer">Given the filter the switch's user deployed (or <see langword="null"/>), the filter to run.</param>
    internal void LayerHostFilter(Func<HostFilter?, HostFilter> layer)
    {
        _hostLayer = layer;
        SetHostFilter(_ownHostFilter);
    }

    /// <summary>Every host-name lookup the runtime made through this switch, in order, with its outcome.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<HostLookupRecord> HostLookups() => Host.Lookups();

    /// <summary>Lets go of the hook (removed when no other switch holds it). Calls already inside this switch finish
    /// on it; its sockets stay open and working, and their later calls are no switch's (a scope's) or pass straight
    /// through (the installed switch's). <see cref="Stats"/> and <see cref="Sockets"/> still answer, as they were.</summary>
    /// <exception cref="InvalidOperationException">This was the last switch, and another tool, or another copy of
    /// Socktest, rewrote an import slot after the hook was written; the slot is left as that tool set it.</exception>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            GC.SuppressFinalize(this);
            ProcessSockets.Release(Host, orphaned: false);
        }
    }
}
