using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Socktest.Engine;

/// <summary>
/// A table indexed by descriptor number, kept as chunks of 16 entries that are created on demand and never moved, so
/// that an entry is found with two array reads and no lock, and a reference to an entry stays valid. The socket table
/// (<see cref="SocketTable"/>) and the process-wide hook's owner table (<c>SocketOwners</c>) are both kept this way;
/// each holds its own array of chunks and lock and hands them in.
/// </summary>
internal static class DescriptorChunks
{
    /// <summary>log2 of the entries in a chunk. 16 slots of the socket table are 1 KiB: a scope's table holds a few
    /// sockets, wherever the kernel numbers them, and allocates a chunk for each range of 16 numbers it touches (at 512
    /// slots, 32 KiB each, the chunks were a quarter of what an explorer run allocated; at 64, 4 KiB, a tenth).</summary>
    internal const int Shift = 4;

    /// <summary>The entries in a chunk.</summary>
    internal const int Size = 1 << Shift;

    /// <summary>An entry's index within its chunk, from its descriptor number.</summary>
    internal const int Mask = Size - 1;

    /// <summary>The chunk that holds <paramref name="fd"/>'s entry, or <see langword="null"/> when none was created
    /// (or the number is negative).</summary>
    /// <param name="chunks">The table's chunks, read once by the caller.</param>
    /// <param name="fd">The descriptor number.</param>
    /// <typeparam name="T">The entry.</typeparam>
    /// <returns>The chunk, or <see langword="null"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T[]? Of<T>(T[]?[] chunks, int fd)
    {
        uint index = (uint)fd >> Shift;
        return index < (uint)chunks.Length ? Volatile.Read(ref chunks[index]) : null;
    }

    /// <summary>The chunk that holds <paramref name="fd"/>'s entry, created (and the array of chunks grown) under
    /// <paramref name="gate"/> when there is none yet. Readers without the lock see either no chunk or a whole one.</summary>
    /// <param name="chunks">The table's field holding its chunks.</param>
    /// <param name="fd">A descriptor number, not negative.</param>
    /// <param name="gate">The table's lock for creating chunks.</param>
    /// <typeparam name="T">The entry.</typeparam>
    /// <returns>The chunk.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T[] For<T>(ref T[]?[] chunks, int fd, object gate)
        => Of(Volatile.Read(ref chunks), fd) ?? Create(ref chunks, fd, gate);

    /// <summary>The descriptor number of entry <paramref name="index"/> of chunk <paramref name="chunk"/>.</summary>
    internal static int Descriptor(int chunk, int index) => (chunk << Shift) | index;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T[] Create<T>(ref T[]?[] chunks, int fd, object gate)
    {
        lock (gate)
        {
            int index = fd >> Shift;
            var current = chunks;
            if (index >= current.Length)
            {
                var grown = new T[]?[Math.Max(index + 1, current.Length * 2)];
                current.CopyTo(grown, 0);
                current = grown;
            }

            var chunk = current[index];
            if (chunk is null)
            {
                chunk = new T[Size];
                Volatile.Write(ref current[index], chunk);
            }

            Volatile.Write(ref chunks, current);
            return chunk;
        }
    }
}
