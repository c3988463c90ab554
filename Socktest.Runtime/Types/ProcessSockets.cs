using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Socktest.ProcessHooks;

namespace Socktest;

/// <summary>
/// Installs a switch for the whole process: the socket calls made by .NET's own networking (System.Native's
/// <c>socket</c>, <c>connect</c>, <c>listen</c>, <c>accept4</c>, <c>getsockopt</c> and <c>close</c>) are redirected
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
    private static readonly string[] HookedImports = ["socket", "connect", "listen", "accept", "accept4", "getsockopt", "close"];
    private static readonly object Gate = new();
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
    /// <exception cref="InvalidOperationException">A switch is already installed.</exception>
    public static ProcessSocketsScope Install()
    {
        if (UnsupportedReason() is { } reason)
        {
            throw new PlatformNotSupportedException(reason);
        }

        lock (Gate)
        {
            if (s_installed is not null)
            {
                throw new InvalidOperationException("A process-wide Socktest switch is already installed; dispose it before installing another.");
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
            var installation = new Installation(slots);
            var scope = new ProcessSocketsScope(originals, Uninstall);
            HookEntryPoints.LastOriginals = originals;
            HookEntryPoints.Active = scope;
            installation.Patch();
            s_installed = installation;
            return scope;
        }
    }

    private static void Uninstall(ProcessSocketsScope scope)
    {
        lock (Gate)
        {
            s_installed?.Restore();
            s_installed = null;
            if (HookEntryPoints.Active == scope)
            {
                HookEntryPoints.Active = null;
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
        };
    }

    private static string Describe(LoadedObject loaded) => loaded.Name.Length == 0 ? "the main program" : loaded.Name;

    /// <summary>The slots of one installation with the values they held before it.</summary>
    private sealed class Installation(Dictionary<string, ElfImportSlots.Slot> slots)
    {
        private readonly Dictionary<string, nint> _saved = new(StringComparer.Ordinal);

        public void Patch()
        {
            foreach (var (name, slot) in slots)
            {
                _saved[name] = SlotWriter.Read(slot);
                SlotWriter.Write(slot, HookFor(name));
            }
        }

        public void Restore()
        {
            foreach (var (name, value) in _saved)
            {
                SlotWriter.Write(slots[name], value);
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
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a hooked call."),
        };
    }
}
