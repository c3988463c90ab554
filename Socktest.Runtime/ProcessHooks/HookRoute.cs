using System;
using System.Runtime.CompilerServices;

namespace Socktest.ProcessHooks;

/// <summary>Where one intercepted call goes: the switch that owns its socket (a scope's, or the installed one), or
/// the original libc functions when none does.</summary>
/// <param name="owner">The switch the call goes to, read once on entry, or <see langword="null"/>.</param>
/// <param name="originals">The C library's calls.</param>
internal readonly struct HookRoute(HookedSwitch? owner, OriginalSocketCalls originals)
{
    /// <summary>The installed switch: it sees every socket no scope owns. A call reads it once, so a call in flight
    /// while it is disposed finishes on it; one arriving later goes to the originals.</summary>
    internal static volatile HookedSwitch? Installed;

    /// <summary>The switch, or <see langword="null"/> when the call passes straight through.</summary>
    public HookedSwitch? Owner => owner;

    /// <summary>The original libc functions, for calls the switch must not see.</summary>
    public OriginalSocketCalls Originals => originals;

    /// <summary>A new socket: the scope of the calling flow, else the installed switch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HookRoute ForNewSocket() => new(ScopeFlow.Current ?? Installed, OriginalCalls);

    /// <summary>A call on <paramref name="fd"/>: its scope while that scope lives, else the installed switch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HookRoute ForDescriptor(int fd)
    {
        var owner = SocketOwners.Of(fd);
        if (owner is null || owner.Retired)
        {
            return new(Installed, OriginalCalls);
        }

        ScopeFlow.Used(owner, fd);
        return new(owner, OriginalCalls);
    }

    /// <summary>A <c>connect</c> of <paramref name="fd"/> to <paramref name="address"/>: the scope that claims that
    /// endpoint adopts the socket first (<see cref="SocketScope.Claim"/>), then routed as <see cref="ForDescriptor"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe HookRoute ForConnect(int fd, byte* address, uint addressLength)
    {
        if (Claims.Any)
        {
            Claims.Connecting(fd, address, addressLength);
        }

        var route = ForDescriptor(fd);
        if (route.Owner is { IsScope: true } && IsInet(address, addressLength))
        {
            ClientEnds.Connecting(route.Owner, fd);
        }

        return route;
    }

    /// <summary>After a <c>connect</c> of <paramref name="fd"/> through this route: a scope's socket lists its local
    /// endpoint, so that the server end of the connection follows it (<see cref="ClientEnds"/>).</summary>
    /// <param name="fd">The socket.</param>
    /// <param name="address">The address it connected to.</param>
    /// <param name="addressLength">Its length.</param>
    /// <param name="result">The call's result.</param>
    /// <returns><paramref name="result"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe int Connected(int fd, byte* address, uint addressLength, int result)
    {
        if (owner is { IsScope: true } && IsInet(address, addressLength))
        {
            ClientEnds.Connected(owner, fd);
        }

        return result;
    }

    /// <summary>A close of <paramref name="fd"/>: routed as <see cref="ForDescriptor"/>, and the number is given up
    /// before the kernel can hand it out again.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HookRoute ForClose(int fd)
    {
        var route = ForDescriptor(fd);
        if (route.Owner is { IsScope: true })
        {
            SocketOwners.Clear(fd);
            ClientEnds.Closing(fd);
        }

        return route;
    }

    /// <summary>Records who owns a descriptor this route's socket or accept call returned.</summary>
    /// <param name="fd">The call's result.</param>
    /// <returns><paramref name="fd"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Opened(int fd)
    {
        SocketOwners.Assign(fd, owner is { IsScope: true } ? owner : null);
        return fd;
    }

    /// <summary>Books an accept made on the unfiltered path: the accepted socket inherits the cookie of the listener
    /// whose counters <paramref name="booking"/> holds, if the switch tracks it; either way the number changes hands
    /// in the owner table.</summary>
    /// <param name="booking">The listener's booking.</param>
    /// <param name="fd">What the C library returned.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Accepted(in Booking booking, int fd)
    {
        if (owner is { IsScope: false } && fd >= 0 && ClientEnds.Any && ClientEnds.Follow(fd) is not null)
        {
            return;
        }

        if (booking.Counters is { } listener)
        {
            owner!.Core.BookAccept(listener, fd);
        }

        Opened(fd);
    }

    /// <summary>Records that no scope owns a descriptor a socket or accept call returned straight from libc (which
    /// clears what a socket closed behind the hook's back may have left).</summary>
    /// <param name="fd">The call's result.</param>
    /// <returns><paramref name="fd"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int OpenedUnowned(int fd)
    {
        SocketOwners.Assign(fd, null);
        return fd;
    }

    /// <summary>Records who owns a descriptor an accept on a listener no switch owns returned straight from libc: the
    /// scope that owns the connection's client end (<see cref="ClientEnds"/>), else nobody.</summary>
    /// <param name="fd">The call's result.</param>
    /// <returns><paramref name="fd"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AcceptedUnowned(int fd)
    {
        if (fd >= 0 && ClientEnds.Any && ClientEnds.Follow(fd) is not null)
        {
            return fd;
        }

        return OpenedUnowned(fd);
    }

    /// <summary>Whether a <c>connect</c> is to an IPv4 or IPv6 address: only those have a client end to follow.</summary>
    private static unsafe bool IsInet(byte* address, uint addressLength)
        => address is not null && addressLength >= 2
           && (*(ushort*)address == Interop.SocketConstants.AF_INET || *(ushort*)address == Interop.SocketConstants.AF_INET6);

    // Set before any import slot points at a hook, and never unset: a hook that runs has its originals.
    private static OriginalSocketCalls OriginalCalls => ProcessHook.Originals!;
}
