using System;

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

    private SwitchCore?[] _running = new SwitchCore?[4];
    private int _count;

    /// <summary>Whether a filter of <paramref name="core"/> is running on this thread.</summary>
    internal static bool IsRunning(SwitchCore core)
    {
        var frames = t_current;
        if (frames is null)
        {
            return false;
        }

        for (int i = 0; i < frames._count; i++)
        {
            if (ReferenceEquals(frames._running[i], core))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Marks a filter of <paramref name="core"/> as running until the returned frame is disposed.</summary>
    internal static Frame Enter(SwitchCore core)
    {
        var frames = t_current ??= new FilterFrames();
        if (frames._count == frames._running.Length)
        {
            Array.Resize(ref frames._running, frames._count * 2);
        }

        frames._running[frames._count++] = core;
        return new Frame(frames);
    }

    /// <summary>A running filter's frame; disposing it ends the frame.</summary>
    internal readonly struct Frame(FilterFrames frames) : IDisposable
    {
        public void Dispose() => frames._running[--frames._count] = null;
    }
}
