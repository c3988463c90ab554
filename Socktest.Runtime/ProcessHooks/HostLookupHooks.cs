using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;

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

    [ThreadStatic]
    private static bool t_inFilter;

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
    /// straight to the C library.</summary>
    public static int Lookup(byte* node, byte* service, AddrInfo* hints, AddrInfo** result)
    {
        int savedErrno = Marshal.GetLastSystemError();
        var installed = ScopeFlow.Current ?? HookRoute.Installed;
        var originals = ProcessHook.Originals!;
        if (installed is null || node is null || result is null)
        {
            int passed = originals.GetAddrInfoFunction(node, service, hints, result);
            if (passed != 0 && installed is null)
            {
                ScopeReach.LookupOutsideScopes(node, passed);
            }

            return passed;
        }

        string hostName = Marshal.PtrToStringUTF8((nint)node) ?? string.Empty;
        var family = hints is null ? AddressFamily.Unspecified : FamilyOf(hints->Family);
        HostAnswer answer = default;
        var filter = installed.HostFilter;
        if (filter is not null && !t_inFilter)
        {
            try
            {
                t_inFilter = true;
                answer = filter(new HostLookup(hostName, family));
            }
            catch (Exception exception)
            {
                installed.RecordFault(exception);
                installed.RecordLookup(new HostLookupRecord(hostName, family, [], HostError.NoRecovery, Injected: true));
                return EaiFail;
            }
            finally
            {
                t_inFilter = false;
            }
        }

        Kit.Waits.Block(answer.DelayedBy, answer.TimeProvider);

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
        int errno = Marshal.GetLastSystemError();
        installed.RecordLookup(new HostLookupRecord(hostName, family, code == 0 ? Read(*result) : [], ErrorOf(code), Injected: false));
        Marshal.SetLastSystemError(errno);
        return code;
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
