using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Socktest.Kit;
using Socktest.ProcessHooks;

namespace Socktest;

/// <summary>
/// Puts a switch under the whole process: the socket calls made by .NET's own networking (System.Native's
/// <c>socket</c>, <c>connect</c>, <c>listen</c>, <c>accept4</c>, <c>getsockopt</c>, <c>close</c>, <c>bind</c>,
/// <c>shutdown</c>, and on the data path <c>send</c>, <c>recv</c>, <c>sendmsg</c> and <c>recvmsg</c>) are redirected
/// through it by rewriting the library's import table. Linux with glibc, x64 and arm64, under the JIT and NativeAOT.
/// </summary>
/// <remarks>Two ways in: <see cref="Install"/> puts one switch under every socket, and <see cref="BeginScope"/> gives
/// a test a switch of its own over the sockets its flow opens, so that fault tests run in parallel. Both can be used
/// together; a socket belongs to the innermost scope of the flow that opened it, else to the installed switch.</remarks>
/// <example><code>
/// using var scope = ProcessSockets.BeginScope();
/// scope.Set(FilterType.Connect, status => Errno.ECONNREFUSED);
/// await Assert.ThrowsAsync&lt;HttpRequestException&gt;(() => new HttpClient().GetAsync("http://127.0.0.1:8080/"));
/// </code></example>
public static class ProcessSockets
{
    private static readonly object Gate = new();
    private static readonly List<string> s_orphanReports = new();
    private static (HookedSwitch Host, WeakReference<InstalledSocketSwitch> Handle)? s_installed;

    /// <summary>Whether <see cref="Install"/> and <see cref="BeginScope"/> can work in this process; when not,
    /// <paramref name="reason"/> says why.</summary>
    /// <param name="reason">Why not, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when supported.</returns>
    public static bool IsSupported(out string? reason)
    {
        reason = ProcessHook.UnsupportedReason();
        return reason is null;
    }

    /// <summary>Installs the process-wide switch: it sees every socket that no <see cref="SocketScope"/> owns.
    /// Dispose the result to let go of the hook.</summary>
    /// <returns>The installed switch.</returns>
    /// <exception cref="PlatformNotSupportedException">Not Linux with glibc on x64 or arm64, or a single-file app
    /// whose host links the runtime and System.Native together.</exception>
    /// <exception cref="InvalidOperationException">A switch is already installed and still in use (the message says
    /// where it was installed; use <see cref="BeginScope"/> for tests that run in parallel), or another copy of
    /// Socktest (in another <c>AssemblyLoadContext</c>) or another tool has rewritten System.Native's socket imports.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)] // CallerStack skips exactly this frame
    public static InstalledSocketSwitch Install()
    {
        ThrowIfUnsupported();
        RuntimeProbes.Run();
        if (!ReclaimOrphan())
        {
            // The installed switch may be unreachable but not yet collected: collect once before refusing, so that a
            // test that forgot to dispose its switch does not fail every test after it.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            ReclaimOrphan();
        }

        lock (Gate)
        {
            if (s_installed is { } existing)
            {
                throw new InvalidOperationException(
                    "A process-wide Socktest switch is already installed; dispose it before installing another, or give each test a scope of its own (ProcessSockets.BeginScope). It was installed at:"
                    + Environment.NewLine + existing.Host.CreatedAt);
            }

            var host = new HookedSwitch(ProcessHook.Acquire(), CallerStack(), parent: null, isScope: false);
            var handle = new InstalledSocketSwitch(host, TakeOrphanReports());
            s_installed = (host, new WeakReference<InstalledSocketSwitch>(handle));
            HookRoute.Installed = host;
            return handle;
        }
    }

    /// <summary>Begins a scope: a switch of its own over the sockets opened from the calling async flow (and flows
    /// started from it), the connections accepted on its listeners, and the sockets handed to
    /// <see cref="SocketScope.Track"/>. Any number of scopes can be open at once; a scope begun inside another's flow
    /// owns what it opens from then on (innermost wins). Call it in the test method itself, not in an <c>async</c>
    /// helper: the flow's value does not come back out of an awaited method.</summary>
    /// <returns>The scope; dispose it at the end of the test.</returns>
    /// <exception cref="PlatformNotSupportedException">As for <see cref="Install"/>.</exception>
    /// <exception cref="InvalidOperationException">Another copy of Socktest or another tool has rewritten
    /// System.Native's socket imports.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)] // CallerStack skips exactly this frame
    public static SocketScope BeginScope() => BeginScopeAt(CallerStack());

    /// <summary>Begins a scope that says <paramref name="begunAt"/> where a user's scope gives the stack it was begun
    /// at: for scopes Socktest begins itself (the explorer's runs), whose stack would name only Socktest's frames and
    /// whose capture costs more than a short run.</summary>
    internal static SocketScope BeginInternalScope(string begunAt) => BeginScopeAt(begunAt);

    /// <summary>Begins a scope; <paramref name="begunAt"/> is a <see cref="StackTrace"/> or a description.</summary>
    private static SocketScope BeginScopeAt(object begunAt)
    {
        ThrowIfUnsupported();
        RuntimeProbes.Run();
        lock (Gate)
        {
            var host = new HookedSwitch(ProcessHook.Acquire(), begunAt, parent: ScopeFlow.Current, isScope: true);
            var scope = new SocketScope(host, TakeOrphanReports());
            ScopeReach.Begun(host, scope);
            ScopeFlow.Enter(host);
            return scope;
        }
    }

    /// <summary>Lets a switch go: on <see cref="ProcessSwitch.Dispose"/>, or from the finalizer of one that was never
    /// disposed (then the next switch made reports where it was made).</summary>
    internal static void Release(HookedSwitch host, bool orphaned)
    {
        lock (Gate)
        {
            if (host.Retired)
            {
                return;
            }

            host.Retire();

            // A delay a filter or host filter of this switch is waiting out ends now, and later ones at once.
            host.Core.End();
            if (host.IsScope)
            {
                ScopeFlow.Leave(host);
                ScopeReach.Ended(host);
                Claims.Disown(host);
                SocketOwners.Disown(host);
                ClientEnds.Disown(host);
            }
            else
            {
                s_installed = null;
                HookRoute.Installed = null;
            }

            if (orphaned)
            {
                string what = host.IsScope ? "A Socktest scope was collected without being disposed; it was begun at:" : "A process-wide Socktest switch was collected without being disposed; its hook was removed then. It was installed at:";
                string report = what + Environment.NewLine + host.CreatedAt + Environment.NewLine + "Dispose every switch and scope (a using declaration).";
                s_orphanReports.Add(report);
                Trace.TraceWarning(report);
            }

            ProcessHook.Release(throwIfOverwritten: !orphaned);
        }
    }

    /// <summary>Makes an open descriptor <paramref name="scope"/>'s (see <see cref="SocketScope.Track"/>).</summary>
    internal static void Track(HookedSwitch scope, int fd, Cookie cookie)
    {
        lock (Gate)
        {
            var owner = SocketOwners.Of(fd);
            if (owner == scope)
            {
                return;
            }

            if (owner is { Retired: false })
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Socket {fd} already belongs to another Socktest scope: a socket belongs to one switch. That scope was begun at:{Environment.NewLine}{owner.CreatedAt}"));
            }

            if (s_installed is { } installed && installed.Host.Core.Tracks(fd))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Socket {fd} already belongs to the process-wide switch (it was opened while that switch was installed, by a flow with no scope): a socket belongs to one switch. It was installed at:{Environment.NewLine}{installed.Host.CreatedAt}"));
            }

            scope.Core.Adopt(fd, cookie);
            SocketOwners.Assign(fd, scope);
        }
    }

    private static void ThrowIfUnsupported()
    {
        if (ProcessHook.UnsupportedReason() is { } reason)
        {
            throw new PlatformNotSupportedException(reason);
        }
    }

    // Not inlined, so that skipping this frame and Install's (or BeginScope's) always starts at the user's caller.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static StackTrace CallerStack() => new(2, fNeedFileInfo: false);

    private static string[] TakeOrphanReports()
    {
        var reports = s_orphanReports.ToArray();
        s_orphanReports.Clear();
        return reports;
    }

    /// <summary>Releases the installed switch if its handle is no longer reachable. Returns whether none is installed now.</summary>
    private static bool ReclaimOrphan()
    {
        HookedSwitch orphan;
        lock (Gate)
        {
            if (s_installed is not { } installed)
            {
                return true;
            }

            if (installed.Handle.TryGetTarget(out _))
            {
                return false;
            }

            orphan = installed.Host;
        }

        Release(orphan, orphaned: true);
        return true;
    }
}
