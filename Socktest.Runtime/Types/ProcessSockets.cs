using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Socktest.ProcessHooks;

namespace Socktest;

/// <summary>
/// Installs a switch for the whole process: the socket calls made by .NET's own networking (System.Native's
/// <c>socket</c>, <c>connect</c>, <c>listen</c>, <c>accept4</c>, <c>getsockopt</c>, <c>close</c>, <c>bind</c>,
/// <c>shutdown</c>, and on the data path <c>send</c>, <c>recv</c>, <c>sendmsg</c> and <c>recvmsg</c>) are redirected
/// through it by rewriting the library's import table. Linux with glibc, x64 and arm64, under the JIT and NativeAOT.
/// </summary>
/// <example><code>
/// using var sockets = ProcessSockets.Install();
/// sockets.Set(FilterType.Connect, status => Errno.ECONNREFUSED);
/// await Assert.ThrowsAsync&lt;HttpRequestException&gt;(() => new HttpClient().GetAsync("http://127.0.0.1:8080/"));
/// </code></example>
public static unsafe class ProcessSockets
{
    // A NativeAOT executable links only the parts of System.Native it uses, so an app that never accepts has no
    // accept4 import at all: there is nothing to intercept then, and that is fine. socket and close are always there.
    private static readonly string[] RequiredImports = ["socket", "close"];
    private static readonly string[] HookedImports =
        ["socket", "connect", "listen", "accept", "accept4", "getsockopt", "close", "bind", "shutdown", "send", "recv", "sendmsg", "recvmsg", "getaddrinfo"];
    private static readonly object Gate = new();
    private static readonly List<string> s_orphanReports = new();
    private static Installation? s_installed;

    /// <summary>Whether <see cref="Install"/> can work in this process; when not, <paramref name="reason"/> says why.</summary>
    /// <param name="reason">Why not, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when supported.</returns>
    public static bool IsSupported(out string? reason)
    {
        reason = UnsupportedReason();
        return reason is null;
    }

    /// <summary>Installs a process-wide switch. Dispose the result to restore the original calls.</summary>
    /// <returns>The installed switch.</returns>
    /// <exception cref="PlatformNotSupportedException">Not Linux with glibc on x64 or arm64, or a single-file app
    /// whose host links the runtime and System.Native together.</exception>
    /// <exception cref="InvalidOperationException">A switch is already installed and still in use (the message says
    /// where it was installed), or another copy of Socktest (in another <c>AssemblyLoadContext</c>) or another tool
    /// has rewritten System.Native's socket imports.</exception>
    public static ProcessSocketsScope Install()
    {
        if (UnsupportedReason() is { } reason)
        {
            throw new PlatformNotSupportedException(reason);
        }

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
                    "A process-wide Socktest switch is already installed; dispose it before installing another. It was installed at:"
                    + Environment.NewLine + existing.InstalledAt);
            }

            var target = FindTarget();
            var slots = ElfImportSlots.Find(target, HookedImports);
            var missing = RequiredImports.Where(name => !slots.ContainsKey(name)).ToList();
            if (missing.Count > 0)
            {
                throw new PlatformNotSupportedException(
                    $"The socket calls of '{Describe(target)}' could not be found in its import table (missing: {string.Join(", ", missing)}); this runtime build is not supported yet.");
            }

            var originals = ResolveOriginals();
            CheckSlotsAreUntouched(target, slots, originals);
            var installation = new Installation(slots, new InstalledSwitch(originals), new StackTrace(1, fNeedFileInfo: false).ToString());
            var warnings = s_orphanReports.ToArray();
            s_orphanReports.Clear();
            var scope = new ProcessSocketsScope(installation, warnings);
            installation.Owner.SetTarget(scope);
            HookEntryPoints.LastOriginals = originals;
            HookEntryPoints.Active = installation.Switch;
            installation.Patch();
            s_installed = installation;
            return scope;
        }
    }

    /// <summary>Removes an installation's hook: on <see cref="ProcessSocketsScope.Dispose"/>, or from the finalizer of
    /// a switch that was never disposed (then the next <see cref="Install"/> reports where it was installed).</summary>
    internal static void Release(Installation installation, bool orphaned)
    {
        lock (Gate)
        {
            if (installation.Released)
            {
                return;
            }

            installation.Released = true;
            if (s_installed == installation)
            {
                s_installed = null;
            }

            if (HookEntryPoints.Active == installation.Switch)
            {
                HookEntryPoints.Active = null;
            }

            if (orphaned)
            {
                string report = "A process-wide Socktest switch was collected without being disposed; its hook was removed then. Dispose every switch (a using declaration). It was installed at:"
                                + Environment.NewLine + installation.InstalledAt;
                s_orphanReports.Add(report);
                Trace.TraceWarning(report);
            }

            installation.Restore(throwIfOverwritten: !orphaned);
        }
    }

    /// <summary>Releases the installed switch if its handle is no longer reachable. Returns whether none is installed now.</summary>
    private static bool ReclaimOrphan()
    {
        Installation? orphan;
        lock (Gate)
        {
            orphan = s_installed;
            if (orphan is null)
            {
                return true;
            }

            if (orphan.Owner.TryGetTarget(out _))
            {
                return false;
            }
        }

        Release(orphan, orphaned: true);
        return true;
    }

    /// <summary>Refuses to install over a slot that no longer holds what the runtime's loader put there: libc's
    /// function, or the object's own lazy-binding stub. Anything else is another copy of Socktest (another
    /// <c>AssemblyLoadContext</c> has its own statics, so it cannot see this copy's installation) or another tool.</summary>
    private static void CheckSlotsAreUntouched(LoadedObject target, Dictionary<string, ElfImportSlots.Slot> slots, OriginalSocketCalls originals)
    {
        foreach (var (name, slot) in slots)
        {
            nint value = SlotWriter.Read(slot);
            if (value != originals.AddressOf(name) && !ElfImportSlots.Contains(target, value))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"The import slot of '{name}' in '{Describe(target)}' points at 0x{value:x}, which is neither the C library's {name} (0x{originals.AddressOf(name):x}) nor the loader's own stub: another process-wide Socktest switch (from another copy of Socktest, such as one loaded in another AssemblyLoadContext) or another tool has hooked it. Dispose that switch first: one process-wide switch per process."));
            }
        }
    }

    private static string? UnsupportedReason()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "ProcessSockets supports Linux only for now: macOS and Windows reach the kernel through other mechanisms (Windows uses Winsock's closesocket, ConnectEx and AcceptEx).";
        }

        if (RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return $"ProcessSockets supports x64 and arm64; this process is {RuntimeInformation.ProcessArchitecture}.";
        }

        if (!NativeLibrary.TryLoad("libc.so.6", out var libc) || !NativeLibrary.TryGetExport(libc, "gnu_get_libc_version", out _))
        {
            return "ProcessSockets supports glibc only; musl and other C libraries have not been tested yet.";
        }

        if (RuntimeFeature.IsDynamicCodeSupported && FindSystemNative() is null)
        {
            return "libSystem.Native.so is not loaded as a library of its own: this looks like a self-contained single-file app, whose host links the runtime together with System.Native, and the runtime itself calls close() where a managed hook would crash the process. Publish framework-dependent or NativeAOT instead.";
        }

        return null;
    }

    private static LoadedObject FindTarget()
    {
        // Under NativeAOT, System.Native is linked into the executable, the first object listed.
        return RuntimeFeature.IsDynamicCodeSupported ? FindSystemNative()!.Value : LoadedObjects.Enumerate()[0];
    }

    private static LoadedObject? FindSystemNative()
    {
        foreach (var loaded in LoadedObjects.Enumerate())
        {
            if (loaded.Name.EndsWith("/libSystem.Native.so", StringComparison.Ordinal))
            {
                return loaded;
            }
        }

        return null;
    }

    private static OriginalSocketCalls ResolveOriginals()
    {
        // Resolve through the global scope rather than reading the slots: a lazily bound slot would still point at
        // the PLT resolver, and calling that would write the resolved address over the hook.
        // Every function is resolved, hooked or not: the switch's inner calls them all, and an absent slot only means
        // the runtime never calls that function.
        var main = NativeLibrary.GetMainProgramHandle();
        nint Resolve(string name) => NativeLibrary.GetExport(main, name);
        return new OriginalSocketCalls
        {
            SocketFunction = (delegate* unmanaged<int, int, int, int>)Resolve("socket"),
            ConnectFunction = (delegate* unmanaged<int, byte*, uint, int>)Resolve("connect"),
            ListenFunction = (delegate* unmanaged<int, int, int>)Resolve("listen"),
            AcceptFunction = (delegate* unmanaged<int, byte*, uint*, int>)Resolve("accept"),
            Accept4Function = (delegate* unmanaged<int, byte*, uint*, int, int>)Resolve("accept4"),
            GetsockoptFunction = (delegate* unmanaged<int, int, int, void*, uint*, int>)Resolve("getsockopt"),
            CloseFunction = (delegate* unmanaged<int, int>)Resolve("close"),
            GetAddrInfoFunction = (delegate* unmanaged<byte*, byte*, HostLookupHooks.AddrInfo*, HostLookupHooks.AddrInfo**, int>)Resolve("getaddrinfo"),
            BindFunction = (delegate* unmanaged<int, byte*, uint, int>)Resolve("bind"),
            SendFunction = (delegate* unmanaged<int, byte*, nuint, int, nint>)Resolve("send"),
            RecvFunction = (delegate* unmanaged<int, byte*, nuint, int, nint>)Resolve("recv"),
            SendmsgFunction = (delegate* unmanaged<int, MessageHeader*, int, nint>)Resolve("sendmsg"),
            RecvmsgFunction = (delegate* unmanaged<int, MessageHeader*, int, nint>)Resolve("recvmsg"),
            ShutdownFunction = (delegate* unmanaged<int, int, int>)Resolve("shutdown"),
        };
    }

    private static string Describe(LoadedObject loaded) => loaded.Name.Length == 0 ? "the main program" : loaded.Name;

    /// <summary>One installation: the slots it rewrote with the values they held before, the switch they lead to,
    /// the user's handle (weakly, so that a forgotten one can be collected) and where it was installed.</summary>
    internal sealed class Installation(Dictionary<string, ElfImportSlots.Slot> slots, InstalledSwitch installed, string installedAt)
    {
        private readonly Dictionary<string, nint> _saved = new(StringComparer.Ordinal);

        public InstalledSwitch Switch => installed;

        public string InstalledAt => installedAt;

        public WeakReference<ProcessSocketsScope> Owner { get; } = new(null!);

        public bool Released { get; set; }

        /// <summary>Writes the hooks, <c>close</c> first: a socket opened through the hook while the other slots are
        /// written must never be closed behind the switch's back, or its entry would outlive it.</summary>
        public void Patch()
        {
            foreach (var (name, slot) in slots.OrderBy(pair => pair.Key == "close" ? 0 : 1))
            {
                _saved[name] = SlotWriter.Read(slot);
                SlotWriter.Write(slot, HookFor(name));
            }
        }

        /// <summary>Puts back what each slot held, unless something else has rewritten it since: that tool's hook is
        /// left in place (and, when asked, the caller is told).</summary>
        public void Restore(bool throwIfOverwritten)
        {
            var overwritten = new List<string>();
            foreach (var (name, value) in _saved)
            {
                if (SlotWriter.Read(slots[name]) != HookFor(name))
                {
                    overwritten.Add(name);
                    continue;
                }

                SlotWriter.Write(slots[name], value);
            }

            if (overwritten.Count > 0 && throwIfOverwritten)
            {
                throw new InvalidOperationException(
                    $"The import slots of {string.Join(", ", overwritten)} were rewritten by something else (another copy of Socktest, or another tool) after this switch installed its hook; they were left as they are. Dispose process-wide switches in the reverse order of installation.");
            }
        }

        private static nint HookFor(string name) => name switch
        {
            "socket" => (nint)(delegate* unmanaged<int, int, int, int>)&HookEntryPoints.Socket,
            "connect" => (nint)(delegate* unmanaged<int, byte*, uint, int>)&HookEntryPoints.Connect,
            "listen" => (nint)(delegate* unmanaged<int, int, int>)&HookEntryPoints.Listen,
            "accept" => (nint)(delegate* unmanaged<int, byte*, uint*, int>)&HookEntryPoints.Accept,
            "accept4" => (nint)(delegate* unmanaged<int, byte*, uint*, int, int>)&HookEntryPoints.Accept4,
            "getsockopt" => (nint)(delegate* unmanaged<int, int, int, void*, uint*, int>)&HookEntryPoints.Getsockopt,
            "close" => (nint)(delegate* unmanaged<int, int>)&HookEntryPoints.Close,
            "getaddrinfo" => (nint)(delegate* unmanaged<byte*, byte*, HostLookupHooks.AddrInfo*, HostLookupHooks.AddrInfo**, int>)&HostLookupHooks.GetAddrInfo,
            "bind" => (nint)(delegate* unmanaged<int, byte*, uint, int>)&HookEntryPoints.Bind,
            "shutdown" => (nint)(delegate* unmanaged<int, int, int>)&HookEntryPoints.Shutdown,
            "send" => (nint)(delegate* unmanaged<int, byte*, nuint, int, nint>)&HookEntryPoints.Send,
            "recv" => (nint)(delegate* unmanaged<int, byte*, nuint, int, nint>)&HookEntryPoints.Recv,
            "sendmsg" => (nint)(delegate* unmanaged<int, MessageHeader*, int, nint>)&HookEntryPoints.Sendmsg,
            "recvmsg" => (nint)(delegate* unmanaged<int, MessageHeader*, int, nint>)&HookEntryPoints.Recvmsg,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a hooked call."),
        };
    }
}
