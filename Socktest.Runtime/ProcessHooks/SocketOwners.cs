using System.Runtime.CompilerServices;
using System.Threading;
using Socktest.Engine;

namespace Socktest.ProcessHooks;

/// <summary>
/// Which scope owns each descriptor, in a table indexed by number (<see cref="DescriptorChunks"/>), read without a
/// lock. A number no scope owns is the installed switch's, or nobody's.
/// </summary>
/// <remarks>An entry is set when a scope's socket or accept returns the number, and cleared before the close that
/// releases it reaches the kernel: the number cannot be handed out again before that close, so a new socket never
/// finds an old owner. (The runtime's <c>SafeHandle</c> closes only once no call is in flight on the socket.)</remarks>
internal static class SocketOwners
{
    private static readonly object Gate = new();
    private static HookedSwitch?[]?[] s_chunks = [];

    /// <summary>The scope that owns <paramref name="fd"/>, or <see langword="null"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static HookedSwitch? Of(int fd)
    {
        return DescriptorChunks.Of(Volatile.Read(ref s_chunks), fd) is { } chunk ? Volatile.Read(ref chunk[fd & DescriptorChunks.Mask]) : null;
    }

    /// <summary>Records who owns a number the kernel just handed out: a scope, or nobody (which clears what a socket
    /// closed behind the hook's back may have left).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Assign(int fd, HookedSwitch? owner)
    {
        if (fd < 0)
        {
            return;
        }

        if (owner is null)
        {
            if (Of(fd) is not null)
            {
                Clear(fd);
            }

            return;
        }

        Volatile.Write(ref DescriptorChunks.For(ref s_chunks, fd, Gate)[fd & DescriptorChunks.Mask], owner);
    }

    /// <summary>Forgets the owner of a number about to be closed.</summary>
    internal static void Clear(int fd)
    {
        if (DescriptorChunks.Of(Volatile.Read(ref s_chunks), fd) is { } chunk)
        {
            Volatile.Write(ref chunk[fd & DescriptorChunks.Mask], null);
        }
    }

    /// <summary>Gives up every number <paramref name="owner"/> owns: a disposed scope's sockets go on working,
    /// untracked.</summary>
    internal static void Disown(HookedSwitch owner)
    {
        foreach (var chunk in Volatile.Read(ref s_chunks))
        {
            if (chunk is null)
            {
                continue;
            }

            for (int i = 0; i < chunk.Length; i++)
            {
                Interlocked.CompareExchange(ref chunk[i], null, owner);
            }
        }
    }
}
