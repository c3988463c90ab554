using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Socktest.Engine;

/// <summary>
/// The switches whose filters are running on the current thread, innermost last. A call that a filter makes on the
/// same switch goes through it and is counted, but runs no filter, so a filter that opens or closes sockets cannot
/// recurse (DESIGN.md: calls made from inside a filter run no filter).
/// </summary>
internal sealed class FilterFrames
{
    [ThreadStatic]
    private static FilterFrames? t_current;

    private static int s_lastId;

    // Switches by number, not by reference: pushing a number needs no GC write barrier, and a frame left behind by a
    // thread holds no switch alive.
    private int[] _running = new int[4];
    private int _count;

    /// <summary>A number for a new switch. Numbers are compared only among the frames running on one thread, so one
    /// repeated after 2^32 switches could only be mistaken for a switch still running there.</summary>
    /// <returns>The number.</returns>
    internal static int NewId() => Interlocked.Increment(ref s_lastId);

    /// <summary>Enters a filter of the switch numbered <paramref name="id"/> on this thread, unless one of its filters
    /// is already running here: a call that filter makes runs no filter.</summary>
    /// <param name="id">The switch's number.</param>
    /// <param name="frame">The frame to dispose when the filter returns; <see langword="default"/> when not
    /// entered.</param>
    /// <returns>Whether the filter is to run.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryEnter(int id, out Frame frame)
    {
        var frames = t_current ??= new FilterFrames();
        for (int i = 0; i < frames._count; i++)
        {
            if (frames._running[i] == id)
            {
                frame = default;
                return false;
            }
        }

        frame = frames.Push(id);
        return true;
    }

    /// <summary>Enters an after-filter of the switch numbered <paramref name="id"/>, whose filter has run for this
    /// call.</summary>
    /// <param name="id">The switch's number.</param>
    /// <returns>The frame to dispose when the after-filter returns.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Frame Enter(int id) => (t_current ??= new FilterFrames()).Push(id);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Frame Push(int id)
    {
        if (_count == _running.Length)
        {
            Array.Resize(ref _running, _count * 2);
        }

        _running[_count++] = id;
        return new Frame(this);
    }

    /// <summary>A running filter; disposing it leaves.</summary>
    internal readonly struct Frame(FilterFrames frames) : IDisposable
    {
        /// <summary>Leaves the filter: only the numbers below the count are ever read.</summary>
        public void Dispose() => frames._count--;
    }
}
