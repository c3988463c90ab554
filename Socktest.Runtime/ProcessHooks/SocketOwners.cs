using System.Runtime.CompilerServices;
using System.Threading;

namespace Socktest.ProcessHooks;

/// <summary>
/// Which scope owns each descriptor, indexed by number in chunks of 512 that are created on demand and never moved,
/// read without a lock. A number no scope owns is the installed switch's, or nobody's.
/// </summary>
/// <remarks>An entry is set when a scope's socket or accept returns the number, and cleared before the close that
/// releases it reaches the kernel: the number cannot be handed out again before that close, so a new socket never
/// finds an old owner. (The runtime's <c>SafeHandle</c> closes only once no call is in flight on the socket.)</remarks>
internal static class SocketOwners
{
    private const int ChunkShift = 9;
    private const int ChunkMask = (1 << ChunkShift) - 1;
    private static readonly object Gate = new();
    private static InstalledSwitch?[]?[] s_chunks = [];

    /// <summary>The scope that owns <paramref name="fd"/>, or <see langword="null"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static InstalledSwitch? Of(int fd)
    {
        var chunks = Volatile.Read(ref s_chunks);
        int index = fd >> ChunkShift;
        return (uint)index < (uint)chunks.Length && chunks[index] is { } chunk ? Volatile.Read(ref chunk[fd & ChunkMask]) : null;
    }

    /// <summary>Records who owns a number the kernel just handed out: a scope, or nobody (which clears what a socket
    /// closed behind the hook's back may have left).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Assign(int fd, InstalledSwitch? owner)
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

        Volatile.Write(ref ChunkFor(fd)[fd & ChunkMask], owner);
    }

    /// <summary>Forgets the owner of a number about to be closed.</summary>
    internal static void Clear(int fd)
    {
        var chunks = Volatile.Read(ref s_chunks);
        int index = fd >> ChunkShift;
        if ((uint)index < (uint)chunks.Length && chunks[index] is { } chunk)
        {
            Volatile.Write(ref chunk[fd & ChunkMask], null);
        }
    }

    /// <summary>Gives up every number <paramref name="owner"/> owns: a disposed scope's sockets go on working,
    /// untracked.</summary>
    internal static void Disown(InstalledSwitch owner)
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

    private static InstalledSwitch?[] ChunkFor(int fd)
    {
        int index = fd >> ChunkShift;
        var chunks = Volatile.Read(ref s_chunks);
        if ((uint)index < (uint)chunks.Length && chunks[index] is { } chunk)
        {
            return chunk;
        }

        lock (Gate)
        {
            chunks = s_chunks;
            if (index >= chunks.Length)
            {
                var grown = new InstalledSwitch?[]?[index + 1];
                chunks.CopyTo(grown, 0);
                chunks = grown;
            }

            chunks[index] ??= new InstalledSwitch?[1 << ChunkShift];
            Volatile.Write(ref s_chunks, chunks);
            return chunks[index]!;
        }
    }
}
