using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using Socktest.Interop;

namespace Socktest.ProcessHooks;

/// <summary>
/// What a switch behind the hook reports about the reach of its ownership: its warnings (found when it was made, a
/// socket of a scope used from another scope's flow, a lookup no scope saw while scopes had host filters), and for a
/// scope its user's handle, for <see cref="SocketScope.Current"/>, held weakly so that nothing here keeps a forgotten
/// handle alive. Each switch has one (<see cref="HookedSwitch.Reach"/>); what it records is rare, so it is made when
/// first needed, not with every scope.
/// </summary>
internal sealed class ScopeReach
{
    private static readonly object Gate = new();
    private static HookedSwitch[] s_live = [];

    private ConcurrentQueue<string>? _warnings;
    private ConcurrentDictionary<(int Fd, HookedSwitch User), byte>? _sharedReported;
    private ConcurrentDictionary<string, byte>? _lookupsReported;
    private WeakReference<SocketScope>? _handle;

    /// <summary>The reach of <paramref name="host"/>.</summary>
    internal static ScopeReach Of(HookedSwitch host) => host.Reach;

    /// <summary>A snapshot of the warnings, in the order they were made.</summary>
    internal IReadOnlyList<string> Warnings() => Volatile.Read(ref _warnings)?.ToArray() ?? [];

    /// <summary>Adds a warning, also traced (<see cref="Trace.TraceWarning(string)"/>).</summary>
    internal void Warn(string warning)
    {
        LazyInitializer.EnsureInitialized(ref _warnings).Enqueue(warning);
        Trace.TraceWarning(warning);
    }

    /// <summary>A scope began: <paramref name="handle"/> is what <see cref="SocketScope.Current"/> answers for it.</summary>
    internal static void Begun(HookedSwitch host, SocketScope handle)
    {
        Of(host)._handle = new WeakReference<SocketScope>(handle);
        lock (Gate)
        {
            s_live = [.. s_live, host];
        }
    }

    /// <summary>A scope ended.</summary>
    internal static void Ended(HookedSwitch host)
    {
        lock (Gate)
        {
            s_live = Array.FindAll(s_live, s => s != host);
        }
    }

    /// <summary>The handle of <paramref name="host"/>, while it is reachable.</summary>
    internal static SocketScope? Handle(HookedSwitch? host)
        => host is not null && Of(host)._handle is { } handle && handle.TryGetTarget(out var scope) ? scope : null;

    /// <summary>A call on <paramref name="fd"/>, which <paramref name="owner"/> owns, made from the flow of
    /// <paramref name="user"/>, another live scope (a pooled connection shared across tests): reported once per socket
    /// and scope in the owner's warnings. Never throws.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void UsedFromAnotherScope(HookedSwitch owner, HookedSwitch user, int fd)
    {
        using var kept = KeptErrors.Save();
        try
        {
            var reach = Of(owner);
            if (LazyInitializer.EnsureInitialized(ref reach._sharedReported).TryAdd((fd, user), 0))
            {
                reach.Warn(string.Create(CultureInfo.InvariantCulture,
                    $"Socket {fd} of this scope was used from the flow of another live scope: its calls are counted and filtered here, not there (a pooled connection shared across tests: give each test its own client or pool, or claim the endpoint in one scope). This scope was begun at:{Environment.NewLine}{owner.CreatedAt}{Environment.NewLine}The other scope was begun at:{Environment.NewLine}{user.CreatedAt}"));
            }
        }
        catch (Exception exception)
        {
            owner.RecordFault(exception);
        }
    }

    /// <summary>A host-name lookup that failed, made from a flow with no scope and no installed switch while scopes
    /// with host filters were live: the symptom of a scope begun where the test's flow does not reach (an async
    /// <c>InitializeAsync</c>). Reported once per name in each such scope's warnings. Never throws; errno is left as
    /// it was.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static unsafe void LookupOutsideScopes(byte* node, int code)
    {
        var live = Volatile.Read(ref s_live);
        if (live.Length == 0 || node is null)
        {
            return;
        }

        using var kept = KeptErrors.Save();
        try
        {
            string name = Marshal.PtrToStringUTF8((nint)node) ?? string.Empty;
            foreach (var scope in live)
            {
                var reach = Of(scope);
                if (!scope.Retired && scope.HostFilter is not null && LazyInitializer.EnsureInitialized(ref reach._lookupsReported, () => new(StringComparer.OrdinalIgnoreCase)).TryAdd(name, 0))
                {
                    reach.Warn(string.Create(CultureInfo.InvariantCulture,
                        $"A lookup of \"{name}\" failed (getaddrinfo {code}) in a flow that carries no Socktest scope, so no host filter saw it, while this scope had one. If it was this test's, the scope is not active where the test runs: begin it in the test method (or a synchronous constructor), not in an async method such as InitializeAsync, whose flow does not come back to its caller; SocketScope.Current says whether a scope is active. This scope was begun at:{Environment.NewLine}{scope.CreatedAt}"));
                }
            }
        }
        catch (Exception)
        {
            // A warning that cannot be made (out of memory) is not worth failing the lookup for.
        }
    }
}
