using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Socktest.Interop;

namespace Socktest.ProcessHooks;

/// <summary>
/// The local endpoints of the connected sockets that scopes own, so that the server end of a loopback connection
/// follows its client end: an accept on a listener no scope owns looks the accepted socket's peer up here, and the
/// scope that owns the client end adopts the server end, whatever flow accepted it (a shared server fixture).
/// </summary>
/// <remarks>Filled after a scope's socket connects (the kernel has bound it by then, also for a non-blocking connect
/// still in progress) and emptied by its close and by the scope's end. Read only while it holds anything, so a
/// process with no scoped connection pays one load per accept.</remarks>
internal static class ClientEnds
{
    private static readonly object Gate = new();
    private static readonly Dictionary<InetEndpoint, (HookedSwitch Scope, int Fd)> s_byEndpoint = new();
    private static readonly Dictionary<int, InetEndpoint> s_byDescriptor = new();
    private static readonly Dictionary<int, HookedSwitch> s_connecting = new();
    private static int s_count;
    private static int s_connectingCount;

    /// <summary>Whether any scope's connected socket is listed, or a scope's connect is in flight.</summary>
    internal static bool Any
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (Volatile.Read(ref s_count) | Volatile.Read(ref s_connectingCount)) != 0;
    }

    /// <summary><paramref name="scope"/>'s socket <paramref name="fd"/> is about to connect. Until
    /// <see cref="Connected"/> lists it, an accept whose peer is not listed asks the sockets in flight for their local
    /// endpoints: the kernel can complete a loopback connection, and a server accept it, before the <c>connect</c>
    /// call has returned to the hook (by over 100 ms under an emulator), but it binds the client's port before it
    /// sends the first segment.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static void Connecting(HookedSwitch scope, int fd)
    {
        lock (Gate)
        {
            s_connecting[fd] = scope;
            PublishCounts();
        }
    }

    /// <summary>Lists the local endpoint of <paramref name="fd"/>, which <paramref name="scope"/> owns and just
    /// connected. Never throws; errno is left as it was.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static void Connected(HookedSwitch scope, int fd)
    {
        // The caller reads the connect's errno after this returns; a contended lock can change it.
        using var kept = KeptErrors.Save();
        try
        {
            bool bound = InetEndpoint.TryOfSocket(fd, peer: false, out var local) && local.Port != 0;
            lock (Gate)
            {
                if (bound)
                {
                    RemoveLocked(fd);
                    s_byEndpoint[local] = (scope, fd);
                    s_byDescriptor[fd] = local;
                }

                // Listed (or not an inet socket): no longer in flight.
                s_connecting.Remove(fd);
                PublishCounts();
            }
        }
        catch (Exception exception)
        {
            scope.RecordFault(exception);
        }
    }

    /// <summary>Forgets <paramref name="fd"/>, about to be closed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Closing(int fd)
    {
        if (Any)
        {
            Remove(fd);
        }
    }

    /// <summary>The server end of a loopback connection just accepted on a listener no scope owns: the scope that owns
    /// its client end adopts it. Never throws; errno is left as it was.</summary>
    /// <returns>That scope, or <see langword="null"/>.</returns>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static HookedSwitch? Follow(int fd)
    {
        if (!InetEndpoint.TryOfSocket(fd, peer: true, out var peer))
        {
            return null;
        }

        // The caller reads the accept's errno after this returns; a contended lock can change it.
        using var kept = KeptErrors.Save();
        var scope = Find(peer);
        return scope is not null && Adoption.TryAdopt(scope, fd) ? scope : null;
    }

    /// <summary>The live scope whose socket's local endpoint is <paramref name="peer"/>: a listed one, else one whose
    /// connect is still in flight (asked directly; its port is bound by the time a server can accept it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static HookedSwitch? Find(in InetEndpoint peer)
    {
        lock (Gate)
        {
            if (s_byEndpoint.TryGetValue(peer, out var entry))
            {
                return entry.Scope.Retired ? null : entry.Scope;
            }

            foreach (var (fd, scope) in s_connecting)
            {
                // Still that scope's socket (a connect whose hook never finished leaves its entry until the close),
                // and bound to the peer's address.
                if (!scope.Retired && SocketOwners.Of(fd) == scope
                    && InetEndpoint.TryOfSocket(fd, peer: false, out var local) && local.Equals(peer))
                {
                    return scope;
                }
            }

            return null;
        }
    }

    /// <summary>Forgets every endpoint of <paramref name="scope"/>, which has ended.</summary>
    internal static void Disown(HookedSwitch scope)
    {
        lock (Gate)
        {
            foreach (var (fd, local) in s_byDescriptor)
            {
                if (s_byEndpoint.TryGetValue(local, out var entry) && entry.Scope == scope)
                {
                    RemoveLocked(fd);
                }
            }

            foreach (var (fd, owner) in s_connecting)
            {
                if (owner == scope)
                {
                    s_connecting.Remove(fd);
                }
            }

            PublishCounts();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Remove(int fd)
    {
        lock (Gate)
        {
            RemoveLocked(fd);

            // A connect whose hook never finished (its filter threw) must not answer for the number's next socket.
            s_connecting.Remove(fd);
            PublishCounts();
        }
    }

    /// <summary>Publishes the sizes <see cref="Any"/> reads without the lock; call under it, after a change.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PublishCounts()
    {
        Volatile.Write(ref s_count, s_byDescriptor.Count);
        Volatile.Write(ref s_connectingCount, s_connecting.Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RemoveLocked(int fd)
    {
        if (s_byDescriptor.Remove(fd, out var local) && s_byEndpoint.TryGetValue(local, out var entry) && entry.Fd == fd)
        {
            s_byEndpoint.Remove(local);
        }
    }
}
