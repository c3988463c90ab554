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
    private readonly IReadOnlyList<string> _initialWarnings;
    private int _disposed;

    private protected ProcessSwitch(HookedSwitch host, IReadOnlyList<string> warnings)
    {
        Host = host;
        _initialWarnings = warnings;
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
    /// <returns>A snapshot, in the order they were thrown: the most recent 1,024 (the count of all is
    /// <see cref="FilterExceptionCount"/>).</returns>
    public IReadOnlyList<Exception> FilterExceptions() => Host.FilterExceptions();

    /// <summary>How many exceptions this switch's filters threw during intercepted calls, including those
    /// <see cref="FilterExceptions"/> no longer keeps.</summary>
    /// <returns>The exact count so far.</returns>
    public long FilterExceptionCount() => Host.FilterExceptionCount();

    /// <summary>Filter verdicts the switch could not honour as asked, one sentence each. A Close filter cannot
    /// cancel a close here: the runtime never retries one, so the descriptor is closed anyway and the call reports
    /// the filter's errno (or EIO, for an exception, which is also in <see cref="FilterExceptions"/>).</summary>
    /// <returns>A snapshot, in the order they happened: the most recent 1,024 (the count of all is
    /// <see cref="UnhonouredFaultCount"/>).</returns>
    public IReadOnlyList<string> UnhonouredFaults() => Host.UnhonouredFaults();

    /// <summary>How many filter verdicts this switch could not honour, including those <see cref="UnhonouredFaults"/>
    /// no longer keeps.</summary>
    /// <returns>The exact count so far.</returns>
    public long UnhonouredFaultCount() => Host.UnhonouredFaultCount();

    /// <summary>What this switch found that a test should know, each with the places involved: when it was made, an
    /// earlier switch that was collected without being disposed; later, for a scope, a socket of the scope used from
    /// another live scope's flow (a pooled connection shared across tests), and a failed host-name lookup made from a
    /// flow with no scope while the scope had a host filter (a scope begun where the test's flow does not reach). Each
    /// read is a snapshot, in the order the warnings were made; each is also traced
    /// (<see cref="System.Diagnostics.Trace.TraceWarning(string)"/>).</summary>
    public IReadOnlyList<string> Warnings => [.. _initialWarnings, .. ScopeReach.Of(Host).Warnings()];

    /// <summary>Whether <see cref="Dispose"/> has run (or the switch was collected).</summary>
    private protected bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    private protected HookedSwitch Host { get; }

    /// <inheritdoc/>
    SwitchCore? ISwitchCoreOwner.Core => Host.Core;

    /// <summary>Deploys <paramref name="filter"/> for calls of <paramref name="type"/>, or clears it with
    /// <see langword="null"/> (<see cref="ISocketSwitch.Set"/>). A ready-made filter the .NET runtime cannot survive
    /// as it survives the kernel's own errors is refused here: an unbounded EINTR on Connect, Accept, Send or Recv
    /// (<c>Faults.Fail(Errno.EINTR)</c>, which the runtime retries forever) and an EAGAIN on Send, Recv or Accept (which
    /// stalls the call until the peer happens to act). See the hazards in docs/process-sockets.md.</summary>
    /// <param name="type">The kind of call.</param>
    /// <param name="filter">The filter, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="filter"/> is such a fault; the message says why and what to
    /// use instead.</exception>
    public void Set(FilterType type, Filter? filter)
    {
        if (filter?.Target is Kit.Fault fault && fault.RuntimeHazard(type) is { } hazard)
        {
            throw new ArgumentException(hazard, nameof(filter));
        }

        Host.Core.Set(type, filter);
    }

    /// <inheritdoc/>
    public IReadOnlyList<Stat> Stats() => Host.Core.Stats();

    /// <inheritdoc/>
    public IReadOnlyDictionary<int, Status> Sockets() => Host.Core.Sockets();

    /// <summary>Cuts this switch's sockets off from <paramref name="peer"/> until the returned handle is disposed, as a
    /// network partition does: new connects to it go unanswered (as <see cref="Faults.Blackhole"/>), and connections
    /// with it carry nothing in either direction and report no error (reads wait; writes wait). No thread is held for
    /// a socket the runtime uses asynchronously: the call gets EAGAIN and the runtime waits for readiness, which the heal
    /// signals again. Disposing heals it: waiting reads and writes go on within milliseconds, in order, with nothing
    /// lost; the switch ending heals it too.</summary>
    /// <remarks>A write waits from the first byte rather than once the socket's buffer is full, and
    /// <see cref="System.Net.Sockets.Socket.Available"/> shows what the kernel holds. Calls the partition holds are
    /// not counted as failed; filters deployed with <see cref="Set"/> see the calls it lets through. Partitions of one
    /// switch are independent: each heals on its own.</remarks>
    /// <param name="peer">The peer's address and port (an IPv4 endpoint also covers its IPv4-mapped IPv6 form).</param>
    /// <returns>The partition: dispose it to heal.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="peer"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="peer"/> is not an <see cref="System.Net.IPEndPoint"/>.</exception>
    /// <exception cref="ObjectDisposedException">The switch is disposed.</exception>
    public IDisposable Partition(System.Net.EndPoint peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return new NetworkPartition(Host.Core, peer);
    }

    /// <summary>Deploys a filter for the runtime's host-name lookups (<c>Dns</c>, <c>SocketsHttpHandler</c>) that this
    /// switch sees, or clears it with <see langword="null"/>: it can fail a lookup with the resolver's own errors,
    /// delay it, or answer it with addresses of its own (see <see cref="HostFilters"/>). A scope sees the lookups made
    /// from its flow; the installed switch sees the rest. A lookup of a name made from inside the filter deciding that name runs no filter (no recursion); a lookup of another name is filtered, whichever thread makes it. A
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

    /// <summary>The host-name lookups the runtime made through this switch, in order, with their outcomes: the most
    /// recent 1,024, so that a switch under hours of traffic keeps a bounded amount of memory.</summary>
    /// <returns>A snapshot (<see cref="HostLookupCount"/> counts them all).</returns>
    public IReadOnlyList<HostLookupRecord> HostLookups() => Host.Lookups();

    /// <summary>How many host-name lookups the runtime made through this switch, including those
    /// <see cref="HostLookups"/> no longer keeps.</summary>
    /// <returns>The exact count so far.</returns>
    public long HostLookupCount() => Host.LookupCount();

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
