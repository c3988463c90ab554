using System;
using Socktest.Interop;
using System.Runtime.CompilerServices;

namespace Socktest.ProcessHooks;

/// <summary>
/// Hands an open socket that a scope did not open to that scope, as <see cref="SocketScope.Track"/> does: the server
/// end of a connection whose client end the scope owns, and a socket that connects to an endpoint it claims. The
/// socket counts as <see cref="Stat.Adopted"/> there, and its later calls are the scope's.
/// </summary>
internal static class Adoption
{
    /// <summary>Makes <paramref name="fd"/> <paramref name="scope"/>'s unless another live scope owns it, or the
    /// installed switch tracks it (a socket belongs to one switch, and the installed switch's books counted it). Called
    /// from hooked calls: never throws, and leaves errno and the P/Invoke error as they were.</summary>
    /// <returns>Whether the scope owns the socket now.</returns>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static bool TryAdopt(HookedSwitch scope, int fd)
    {
        using var kept = KeptErrors.Save();
        try
        {
            var owner = SocketOwners.Of(fd);
            if (owner == scope)
            {
                return true;
            }

            if (scope.Retired || owner is { Retired: false } || HookRoute.Installed?.Core.Tracks(fd) == true
                || !TryReadCookie(fd, out var cookie))
            {
                return false;
            }

            scope.Core.Adopt(fd, cookie);
            SocketOwners.Assign(fd, scope);
            return true;
        }
        catch (Exception exception)
        {
            scope.RecordFault(exception);
            return false;
        }
    }

    /// <summary>The kernel's <c>SO_DOMAIN</c>, <c>SO_TYPE</c> and <c>SO_PROTOCOL</c> of a socket; false for a number
    /// that is not one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe bool TryReadCookie(int fd, out Cookie cookie)
    {
        var originals = ProcessHook.Originals!;
        Span<int> values = stackalloc int[3];
        ReadOnlySpan<int> options = [SocketConstants.SO_DOMAIN, SocketConstants.SO_TYPE, SocketConstants.SO_PROTOCOL];
        cookie = default;
        for (int i = 0; i < options.Length; i++)
        {
            int value = 0;
            uint length = sizeof(int);
            if (originals.GetsockoptFunction(fd, SocketConstants.SOL_SOCKET, options[i], &value, &length) < 0)
            {
                return false;
            }

            values[i] = value;
        }

        cookie = Cookie.Of(values[0], values[1], values[2]);
        return true;
    }
}
