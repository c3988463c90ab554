using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Socktest.ProcessHooks;

/// <summary>
/// The endpoints scopes claim (<see cref="SocketScope.Claim"/>): a socket that connects to one becomes the claiming
/// scope's at its <c>connect</c>, whatever flow or thread opened it, and a socket already connected to one when the
/// claim is made becomes the scope's at once.
/// </summary>
/// <remarks>A copy-on-write array, read without a lock: a process with no claim pays one load per connect.</remarks>
internal static class Claims
{
    private static readonly object Gate = new();
    private static Claim[] s_claims = [];

    /// <summary>Whether any claim is live.</summary>
    internal static bool Any
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref s_claims).Length != 0;
    }

    /// <summary>Claims <paramref name="endpoint"/> for <paramref name="scope"/>, and adopts the open sockets already
    /// connected to it that no other switch owns.</summary>
    /// <exception cref="InvalidOperationException">A live claim on the same endpoint exists.</exception>
    internal static IDisposable Add(HookedSwitch scope, IPEndPoint endpoint)
    {
        var key = InetEndpoint.Of(endpoint);
        var claim = new Claim(scope, key, endpoint);
        lock (Gate)
        {
            foreach (var other in s_claims)
            {
                if (!other.Scope.Retired && other.Key == key)
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"{endpoint} is already claimed by a live Socktest scope: one scope claims an endpoint at a time. That scope was begun at:{Environment.NewLine}{other.Scope.CreatedAt}"));
                }
            }

            Volatile.Write(ref s_claims, [.. Array.FindAll(s_claims, c => !c.Scope.Retired), claim]);
        }

        AdoptConnected(claim);
        return claim;
    }

    /// <summary>Ends every claim of <paramref name="scope"/>, which has ended.</summary>
    internal static void Disown(HookedSwitch scope)
    {
        lock (Gate)
        {
            Volatile.Write(ref s_claims, Array.FindAll(s_claims, c => c.Scope != scope));
        }
    }

    /// <summary>Before a <c>connect</c> of <paramref name="fd"/> to <paramref name="address"/>: the scope that claims
    /// that endpoint adopts the socket. Never throws; errno is left as it was.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static unsafe void Connecting(int fd, byte* address, uint addressLength)
    {
        if (!InetEndpoint.TryRead(address, addressLength, out var target))
        {
            return;
        }

        foreach (var claim in Volatile.Read(ref s_claims))
        {
            if (claim.Matches(target))
            {
                Adoption.TryAdopt(claim.Scope, fd);
                return;
            }
        }
    }

    private static void End(Claim claim)
    {
        lock (Gate)
        {
            Volatile.Write(ref s_claims, Array.FindAll(s_claims, c => c != claim));
        }
    }

    /// <summary>The process's open descriptors (<c>/proc/self/fd</c>) that are sockets connected to the claimed
    /// endpoint: a pool warmed before the scope.</summary>
    private static void AdoptConnected(Claim claim)
    {
        foreach (string path in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            if (int.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out int fd)
                && InetEndpoint.TryOfSocket(fd, peer: true, out var peer) && claim.Matches(peer))
            {
                Adoption.TryAdopt(claim.Scope, fd);
            }
        }
    }

    /// <summary>One live claim; disposing it ends it.</summary>
    private sealed class Claim(HookedSwitch scope, InetEndpoint key, IPEndPoint endpoint) : IDisposable
    {
        public HookedSwitch Scope => scope;

        public InetEndpoint Key => key;

        public bool Matches(in InetEndpoint target)
            => !scope.Retired && target.Port == key.Port && (key.AnyAddress || target == key);

        public void Dispose() => End(this);

        public override string ToString() => "claim of " + endpoint;
    }
}
