using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Socktest.ProcessHooks;

/// <summary>
/// The hook itself: System.Native's import slots rewritten to <see cref="HookEntryPoints"/>. It is written when the
/// first holder (an installed switch or a scope) arrives and put back when the last one leaves, so any number of
/// scopes and one installed switch share it. Callers hold <see cref="ProcessSockets"/>' lock.
/// </summary>
internal static unsafe class ProcessHook
{
    // A NativeAOT executable links only the parts of System.Native it uses, so an app that never accepts has no
    // accept4 import at all: there is nothing to intercept then, and that is fine. socket and close are always there.
    private static readonly string[] RequiredImports = ["socket", "close"];

    private static readonly Dictionary<string, nint> s_saved = new(StringComparer.Ordinal);
    private static Dictionary<string, ElfImportSlots.Slot>? s_slots;
    private static int s_holders;

    /// <summary>The C library's functions, resolved on the first <see cref="Acquire"/> and kept: calls that arrive
    /// after the hook is removed still need somewhere to go.</summary>
    internal static volatile OriginalSocketCalls? Originals;

    /// <summary>How many switches hold the hook now: 0 when the slots hold what the loader put there.</summary>
    internal static int Holders => s_holders;

    /// <summary>Adds a holder, writing the hook if it is the first.</summary>
    /// <returns>The original calls.</returns>
    /// <exception cref="PlatformNotSupportedException">The runtime's socket imports cannot be found.</exception>
    /// <exception cref="InvalidOperationException">Another tool or copy of Socktest has rewritten them.</exception>
    internal static OriginalSocketCalls Acquire()
    {
        if (s_holders > 0)
        {
            s_holders++;
            return Originals!;
        }

        var target = FindTarget();
        var slots = ElfImportSlots.Find(target, HookedImports.Names);
        var missing = RequiredImports.Where(name => !slots.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw new PlatformNotSupportedException(
                $"The socket calls of '{Describe(target)}' could not be found in its import table (missing: {string.Join(", ", missing)}); this runtime build is not supported yet.");
        }

        var originals = Originals ??= ResolveOriginals();
        CheckSlotsAreUntouched(target, slots, originals);
        Patch(slots);
        s_slots = slots;
        s_holders = 1;
        return originals;
    }

    /// <summary>Removes a holder, putting the slots back when it was the last.</summary>
    /// <param name="throwIfOverwritten">Whether to throw when another tool rewrote a slot after the hook (its hook is
    /// left in place either way).</param>
    internal static void Release(bool throwIfOverwritten)
    {
        if (--s_holders > 0)
        {
            return;
        }

        var overwritten = new List<string>();
        foreach (var (name, value) in s_saved)
        {
            if (SlotWriter.Read(s_slots![name]) != HookedImports.EntryPointOf(name))
            {
                overwritten.Add(name);
                continue;
            }

            SlotWriter.Write(s_slots[name], value);
        }

        s_saved.Clear();
        s_slots = null;
        if (overwritten.Count > 0 && throwIfOverwritten)
        {
            throw new InvalidOperationException(
                $"The import slots of {string.Join(", ", overwritten)} were rewritten by something else (another copy of Socktest, or another tool) after this switch installed its hook; they were left as they are. Dispose process-wide switches in the reverse order of installation.");
        }
    }

    /// <summary>Why the hook cannot work in this process, or <see langword="null"/>. Worked out once: nothing it looks
    /// at changes while the process runs, and every scope asks (a library load and a walk over the loaded objects).</summary>
    internal static string? UnsupportedReason() => Support.Reason;

    private static string? FindUnsupportedReason()
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

    /// <summary>Writes the hooks, <c>close</c> first: a socket opened through the hook while the other slots are
    /// written must never be closed behind the switch's back, or its entry would outlive it
    /// (docs/decisions/close-slot-written-first.md).</summary>
    private static void Patch(Dictionary<string, ElfImportSlots.Slot> slots)
    {
        foreach (var (name, slot) in slots.OrderBy(pair => pair.Key == "close" ? 0 : 1))
        {
            s_saved[name] = SlotWriter.Read(slot);
            SlotWriter.Write(slot, HookedImports.EntryPointOf(name));
        }
    }

    /// <summary>Refuses to hook a slot that no longer holds what the runtime's loader put there: libc's function, or
    /// the object's own lazy-binding stub. Anything else is another copy of Socktest (another
    /// <c>AssemblyLoadContext</c> has its own statics, so it cannot see this copy's hook) or another tool.</summary>
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
        return OriginalSocketCalls.Resolve(name => NativeLibrary.GetExport(main, name));
    }

    private static string Describe(LoadedObject loaded) => loaded.Name.Length == 0 ? "the main program" : loaded.Name;

    /// <summary>Holds <see cref="UnsupportedReason"/>, worked out on first use.</summary>
    private static class Support
    {
        internal static readonly string? Reason = FindUnsupportedReason();
    }
}
