using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using Socktest.Interop;

namespace Socktest.ProcessHooks;

/// <summary>
/// What runs in System.Native's <c>getaddrinfo</c> slot (through <see cref="GetAddrInfoCall"/>): every host-name lookup of <c>Dns</c> and
/// <c>SocketsHttpHandler</c> is recorded on the installed switch, and its <see cref="HostFilter"/> may fail it, delay
/// it, or answer it with addresses of its own. An answer is an <c>addrinfo</c> chain laid out as glibc lays out its
/// own (each entry and its <c>sockaddr</c> in one <c>malloc</c> block, the canonical name in another), so libc's
/// <c>freeaddrinfo</c> frees it, even after the hook is gone.
/// </summary>
internal static unsafe class HostLookupHooks
{
    // glibc's values (netdb.h); the process-wide switch runs on glibc only.
    private const int EaiNoName = -2;
    private const int EaiAgain = -3;
    private const int EaiFail = -4;
    private const int AiCanonName = 0x2;
    private const int EntrySize = 48; // struct addrinfo on LP64 (x64, arm64)
    private const int AddressSize = 28; // sockaddr_in6, the larger of the two

    // The names whose host filter is running on this thread, innermost last. A lookup of one of them runs no filter,
    // so a filter cannot recurse; a lookup of another name runs the filter whichever thread makes it, so that an
    // asynchronous lookup a filter waits for is decided the same way whether the wait runs it inline on this thread or
    // the pool runs it on another.
    [ThreadStatic]
    private static List<string>? t_deciding;

    [StructLayout(LayoutKind.Sequential)]
    internal struct AddrInfo
    {
        public int Flags;
        public int Family;
        public int SocketType;
        public int Protocol;
        public uint AddressLength;
        public byte* Address;
        public byte* CanonicalName;
        public AddrInfo* Next;
    }

    /// <summary>One lookup, as <c>getaddrinfo</c>: filtered and recorded by the switch of the calling flow, else
    /// straight to the C library. Nothing thrown here reaches the runtime's native caller, which cannot take an
    /// exception: whatever throws (the filter, the record, building the answer) fails the lookup with
    /// <c>EAI_FAIL</c> and is kept in the switch's <see cref="HookedSwitch.FilterExceptions"/>, except after the C
    /// library has answered, when its answer stands.</summary>
    public static int Lookup(byte* node, byte* service, AddrInfo* hints, AddrInfo** result)
    {
        int savedErrno = Marshal.GetLastSystemError();
        HookedSwitch? installed = null;
        try
        {
            installed = ScopeFlow.Current ?? HookRoute.Installed;
            var originals = ProcessHook.Originals;
            if (originals is null)
            {
                return EaiFail;
            }

            if (installed is null || node is null || result is null)
            {
                int passed = originals.GetAddrInfoFunction(node, service, hints, result);
                if (passed != 0 && installed is null)
                {
                    ScopeReach.LookupOutsideScopes(node, passed);
                }

                return passed;
            }

            return Filtered(installed, originals, node, service, hints, result, savedErrno);
        }
        catch (Exception exception)
        {
            Keep(installed, exception);
            Marshal.SetLastSystemError(savedErrno);
            return EaiFail;
        }
    }

    private static int Filtered(HookedSwitch installed, OriginalSocketCalls originals, byte* node, byte* service, AddrInfo* hints, AddrInfo** result, int savedErrno)
    {
        string hostName = Marshal.PtrToStringUTF8((nint)node) ?? string.Empty;
        var family = hints is null ? AddressFamily.Unspecified : FamilyOf(hints->Family);
        HostAnswer answer = default;
        var filter = installed.HostFilter;
        var deciding = t_deciding ??= new List<string>();
        if (filter is not null && !deciding.Contains(hostName, StringComparer.OrdinalIgnoreCase))
        {
            try
            {
                deciding.Add(hostName);
                answer = filter(new HostLookup(hostName, family));
            }
            catch (Exception exception)
            {
                installed.RecordFault(exception);
                installed.RecordLookup(new HostLookupRecord(hostName, family, [], HostError.NoRecovery, Injected: true));
                Marshal.SetLastSystemError(savedErrno);
                return EaiFail;
            }
            finally
            {
                deciding.RemoveAt(deciding.Count - 1);
            }
        }

        // Ends early when the switch ends: a lookup delayed for longer than the test is not left behind.
        Kit.Waits.Block(answer.DelayedBy, answer.TimeProvider, installed.Core.Ending);

        if (answer.Error is { } error)
        {
            installed.RecordLookup(new HostLookupRecord(hostName, family, [], error, Injected: true));
            Marshal.SetLastSystemError(savedErrno);
            return CodeOf(error);
        }

        if (answer.Addresses is { } addresses)
        {
            var chosen = Choose(addresses, family);
            installed.RecordLookup(new HostLookupRecord(hostName, family, chosen, chosen.Count == 0 ? HostError.HostNotFound : null, Injected: true));
            Marshal.SetLastSystemError(savedErrno);
            if (chosen.Count == 0)
            {
                return EaiNoName;
            }

            *result = Build(chosen, hints, hostName);
            return 0;
        }

        int code = originals.GetAddrInfoFunction(node, service, hints, result);
        using var kept = KeptErrors.Save();
        try
        {
            installed.RecordLookup(new HostLookupRecord(hostName, family, code == 0 ? Read(*result) : [], ErrorOf(code), Injected: false));
        }
        catch (Exception exception)
        {
            // The C library's answer (and the chain it allocated, which the caller frees) stands.
            Keep(installed, exception);
        }

        return code;
    }

    /// <summary>Keeps an exception thrown in the hook on the switch it was for, if any; never throws.</summary>
    private static void Keep(HookedSwitch? installed, Exception exception)
    {
        try
        {
            installed?.RecordFault(exception);
        }
        catch (Exception)
        {
            // Nowhere left to keep it (out of memory): the lookup still fails cleanly.
        }
    }

    private static List<IPAddress> Choose(IReadOnlyList<IPAddress> addresses, AddressFamily family)
    {
        var chosen = new List<IPAddress>(addresses.Count);
        foreach (var address in addresses)
        {
            if (family == AddressFamily.Unspecified || address.AddressFamily == family)
            {
                chosen.Add(address);
            }
        }

        return chosen;
    }

    /// <summary>The chain, as glibc allocates one: an entry and its sockaddr per <c>malloc</c> block (NativeMemory is
    /// malloc on Unix), and the canonical name in a block of its own on the first entry.</summary>
    private static AddrInfo* Build(List<IPAddress> addresses, AddrInfo* hints, string hostName)
    {
        AddrInfo* first = null;
        AddrInfo* last = null;
        foreach (var address in addresses)
        {
            var entry = (AddrInfo*)NativeMemory.AllocZeroed((nuint)(EntrySize + AddressSize));
            byte* sockaddr = (byte*)entry + EntrySize;
            entry->SocketType = hints is not null && hints->SocketType != 0 ? hints->SocketType : Interop.SocketConstants.SOCK_STREAM;
            entry->Protocol = hints is not null ? hints->Protocol : 0;
            entry->Address = sockaddr;
            if (address.AddressFamily == AddressFamily.InterNetwork)
            {
                entry->Family = Interop.SocketConstants.AF_INET;
                entry->AddressLength = 16;
                *(ushort*)sockaddr = (ushort)Interop.SocketConstants.AF_INET;
                address.TryWriteBytes(new Span<byte>(sockaddr + 4, 4), out _);
            }
            else
            {
                entry->Family = Interop.SocketConstants.AF_INET6;
                entry->AddressLength = 28;
                *(ushort*)sockaddr = (ushort)Interop.SocketConstants.AF_INET6;
                address.TryWriteBytes(new Span<byte>(sockaddr + 8, 16), out _);
                *(uint*)(sockaddr + 24) = (uint)address.ScopeId;
            }

            if (first is null)
            {
                first = entry;
            }
            else
            {
                last->Next = entry;
            }

            last = entry;
        }

        if (hints is not null && (hints->Flags & AiCanonName) != 0)
        {
            byte[] name = System.Text.Encoding.UTF8.GetBytes(hostName + "\0");
            first->CanonicalName = (byte*)NativeMemory.Alloc((nuint)name.Length);
            name.CopyTo(new Span<byte>(first->CanonicalName, name.Length));
        }

        return first;
    }

    private static List<IPAddress> Read(AddrInfo* chain)
    {
        var addresses = new List<IPAddress>();
        for (var entry = chain; entry is not null; entry = entry->Next)
        {
            IPAddress? address = entry->Family == Interop.SocketConstants.AF_INET && entry->Address is not null
                ? new IPAddress(new ReadOnlySpan<byte>(entry->Address + 4, 4))
                : entry->Family == Interop.SocketConstants.AF_INET6 && entry->Address is not null
                    ? new IPAddress(new ReadOnlySpan<byte>(entry->Address + 8, 16), *(uint*)(entry->Address + 24))
                    : null;
            if (address is not null && !addresses.Contains(address))
            {
                addresses.Add(address);
            }
        }

        return addresses;
    }

    private static AddressFamily FamilyOf(int family)
        => family == Interop.SocketConstants.AF_INET ? AddressFamily.InterNetwork
            : family == Interop.SocketConstants.AF_INET6 ? AddressFamily.InterNetworkV6
            : AddressFamily.Unspecified;

    private static int CodeOf(HostError error) => error switch
    {
        HostError.HostNotFound => EaiNoName,
        HostError.TryAgain => EaiAgain,
        _ => EaiFail,
    };

    private static HostError? ErrorOf(int code) => code switch
    {
        0 => null,
        EaiNoName => HostError.HostNotFound,
        EaiAgain => HostError.TryAgain,
        _ => HostError.NoRecovery,
    };
}
