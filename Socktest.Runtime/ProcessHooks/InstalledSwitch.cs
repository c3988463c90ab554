using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Socktest.ProcessHooks;

/// <summary>
/// What the hook's entry points call into while a process-wide switch is installed: the switch, the original libc
/// functions, and what the switch had to record because it could not throw or honour a filter's verdict. Kept apart
/// from the user's <see cref="ProcessSocketsScope"/> so that the hook never keeps that handle alive: a handle the
/// test forgot to dispose can be collected, and its finalizer removes the hook.
/// </summary>
internal sealed class InstalledSwitch
{
    private readonly ConcurrentQueue<Exception> _filterExceptions = new();
    private readonly ConcurrentQueue<string> _unhonoured = new();
    private readonly ConcurrentQueue<HostLookupRecord> _lookups = new();
    private volatile HostFilter? _hostFilter;

    internal InstalledSwitch(OriginalSocketCalls originals)
    {
        Originals = originals;
        Switch = new ProcessSocketSwitch(originals);

        // The runtime closes a SafeHandle once and never again: a close must release its descriptor whatever a
        // filter says, or the descriptor leaks for the life of the process.
        SwitchCoreAccess.CoreOf(Switch).ReleaseEveryClose(_unhonoured.Enqueue);
    }

    internal OriginalSocketCalls Originals { get; }

    internal ProcessSocketSwitch Switch { get; }

    internal IReadOnlyCollection<Exception> FilterExceptions => _filterExceptions.ToArray();

    internal IReadOnlyCollection<string> UnhonouredFaults => _unhonoured.ToArray();

    internal HostFilter? HostFilter
    {
        get => _hostFilter;
        set => _hostFilter = value;
    }

    internal IReadOnlyList<HostLookupRecord> Lookups => _lookups.ToArray();

    internal void RecordFault(Exception exception) => _filterExceptions.Enqueue(exception);

    internal void RecordLookup(HostLookupRecord lookup) => _lookups.Enqueue(lookup);
}
