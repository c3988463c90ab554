using System;
using System.Collections.Generic;
using System.Threading;

namespace Socktest.ProcessHooks;

/// <summary>
/// One switch behind the hook, the installed one or a scope's: its engine, and what it had to record
/// because it could not throw or honour a filter's verdict. Kept apart from the user's handle so that the hook, the
/// descriptor owners and the async flow never keep that handle alive: a handle the test forgot to dispose can be
/// collected, and its finalizer lets go of the hook.
/// </summary>
internal sealed unsafe class HookedSwitch
{
    private readonly RecentRecords<Exception> _filterExceptions = new();
    private readonly RecentRecords<string> _unhonoured = new();
    private readonly RecentRecords<HostLookupRecord> _lookups = new();
    private volatile HostFilter? _hostFilter;
    private volatile bool _retired;
    private object _createdAt;

    /// <summary>Creates a switch behind the hook.</summary>
    /// <param name="originals">The C library's calls.</param>
    /// <param name="createdAt">Where it was installed or begun, for messages: a <see cref="System.Diagnostics.StackTrace"/>, formatted when
    /// a message first needs it (formatting costs more than beginning a scope), or a description.</param>
    /// <param name="parent">For a scope, the scope whose flow began it, if any; <see langword="null"/> otherwise.</param>
    /// <param name="isScope">Whether it is a scope (owns sockets by flow and by descriptor) rather than the
    /// installed switch (sees every socket no scope owns).</param>
    internal HookedSwitch(OriginalSocketCalls originals, object createdAt, HookedSwitch? parent, bool isScope)
    {
        Originals = originals;
        _createdAt = createdAt;
        Parent = parent;
        IsScope = isScope;
        Core = new Engine.SwitchCore(fd => originals.CloseFunction(fd)) { Kernel = OriginalKernelFaults.Instance };

        // The runtime closes a SafeHandle once and never again: a close must release its descriptor whatever a
        // filter says, or the descriptor leaks for the life of the process.
        Core.ReleaseEveryClose(_unhonoured.Add);
    }

    internal OriginalSocketCalls Originals { get; }

    /// <summary>Its warnings and, for a scope, its user's handle.</summary>
    internal ScopeReach Reach { get; } = new();

    internal Engine.SwitchCore Core { get; }

    /// <summary>Where it was installed or begun, for messages.</summary>
    internal string CreatedAt
    {
        get
        {
            var createdAt = Volatile.Read(ref _createdAt);
            if (createdAt is string text)
            {
                return text;
            }

            text = createdAt.ToString() ?? string.Empty;
            Volatile.Write(ref _createdAt, text);
            return text;
        }
    }

    internal HookedSwitch? Parent { get; }

    internal bool IsScope { get; }

    /// <summary>Whether it was disposed (or collected): its sockets are nobody's from then on.</summary>
    internal bool Retired => _retired;

    internal IReadOnlyList<Exception> FilterExceptions() => _filterExceptions.ToArray();

    internal IReadOnlyList<string> UnhonouredFaults() => _unhonoured.ToArray();

    internal long FilterExceptionCount() => _filterExceptions.Total;

    internal long UnhonouredFaultCount() => _unhonoured.Total;

    internal long LookupCount() => _lookups.Total;

    internal HostFilter? HostFilter
    {
        get => _hostFilter;
        set => _hostFilter = value;
    }

    internal IReadOnlyList<HostLookupRecord> Lookups() => _lookups.ToArray();

    internal void Retire() => _retired = true;

    internal void RecordFault(Exception exception) => _filterExceptions.Add(exception);

    internal void RecordLookup(HostLookupRecord lookup) => _lookups.Add(lookup);
}
