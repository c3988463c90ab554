using System;
using System.Collections.Generic;
using System.Threading;
using Socktest.ProcessHooks;

namespace Socktest;

/// <summary>
/// An installed process-wide switch (see <see cref="ProcessSockets.Install"/>): every socket call that .NET's own
/// <c>Socket</c>, <c>TcpClient</c>, <c>TcpListener</c> and <c>HttpClient</c> make goes through it. Dispose it to
/// restore the original calls.
/// </summary>
/// <remarks>A switch that is never disposed does not poison the rest of the run: once it is collected its hook is
/// removed, and the next <see cref="ProcessSockets.Install"/> succeeds and reports, in <see cref="Warnings"/>, where
/// the forgotten one was installed.</remarks>
public sealed class ProcessSocketsScope : ISocketSwitch, IDisposable
{
    private readonly ProcessSockets.Installation _installation;
    private int _disposed;

    internal ProcessSocketsScope(ProcessSockets.Installation installation, IReadOnlyList<string> warnings)
    {
        _installation = installation;
        Warnings = warnings;
    }

    /// <summary>Finalizes a switch that was never disposed: removes its hook and records where it was installed.</summary>
    ~ProcessSocketsScope()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            ProcessSockets.Release(_installation, orphaned: true);
        }
    }

    /// <summary>Exceptions thrown by filters during intercepted calls. They cannot propagate through the runtime's
    /// native code, so the call failed with EIO and the exception is kept here for the test to inspect.</summary>
    public IReadOnlyCollection<Exception> FilterExceptions => Installed.FilterExceptions;

    /// <summary>Filter verdicts the switch could not honour as asked, one sentence each. A Close filter cannot
    /// cancel a close here: the runtime never retries one, so the descriptor is closed anyway and the call reports
    /// the filter's errno (or EIO, for an exception, which is also in <see cref="FilterExceptions"/>).</summary>
    public IReadOnlyCollection<string> UnhonouredFaults => Installed.UnhonouredFaults;

    /// <summary>What <see cref="ProcessSockets.Install"/> found when it installed this switch, such as an earlier
    /// switch that was collected without being disposed, with the place it was installed.</summary>
    public IReadOnlyList<string> Warnings { get; }

    private InstalledSwitch Installed => _installation.Switch;

    /// <inheritdoc/>
    public void Set(FilterType type, Filter? filter) => Installed.Switch.Set(type, filter);

    /// <inheritdoc/>
    public IReadOnlyList<Stat> Stats() => Installed.Switch.Stats();

    /// <inheritdoc/>
    public IReadOnlyDictionary<int, Status> Sockets() => Installed.Switch.Sockets();

    /// <summary>Deploys a filter for the runtime's host-name lookups (<c>Dns</c>, <c>SocketsHttpHandler</c>), or clears
    /// it with <see langword="null"/>: it can fail a lookup with the resolver's own errors, delay it, or answer it with
    /// addresses of its own (see <see cref="HostFilters"/>). A lookup made from inside the filter runs no filter. A
    /// filter that throws fails the lookup with <c>EAI_FAIL</c> (.NET: <c>NoRecovery</c>) and the exception is kept in
    /// <see cref="FilterExceptions"/>. IP literals are never looked up, so no filter sees them.</summary>
    /// <param name="filter">The filter, or <see langword="null"/>.</param>
    public void SetHostFilter(HostFilter? filter) => Installed.HostFilter = filter;

    /// <summary>Every host-name lookup the runtime made through this switch, in order, with its outcome.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<HostLookupRecord> HostLookups() => Installed.Lookups;

    /// <summary>Restores the original socket calls. Calls already inside the switch finish on it.</summary>
    /// <exception cref="InvalidOperationException">Another tool, or another copy of Socktest, rewrote an import slot
    /// after this switch did; the slot is left as that tool set it.</exception>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            GC.SuppressFinalize(this);
            ProcessSockets.Release(_installation, orphaned: false);
        }
    }
}
