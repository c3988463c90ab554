using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Socktest.ProcessHooks;

/// <summary>
/// Tells a filter's wait that the runtime is giving up the call it delays. <c>Socket.Dispose</c> with a call in flight
/// unblocks it before closing, with <c>shutdown</c> or <c>connect(AF_UNSPEC)</c> on the descriptor; the hook reports
/// those here (<see cref="Abort"/>), and a wait on the descriptor (<see cref="Watch"/>) ends, so the delayed call goes
/// on, fails as the kernel fails it on a shut socket, and lets <c>Dispose</c> finish. Costs one read per
/// <c>shutdown</c> and dissolving <c>connect</c> while no filter waits.
/// </summary>
internal static class DescriptorAborts
{
    private static readonly ConcurrentDictionary<int, CancellationTokenSource> s_watched = new();
    private static int s_watching;

    /// <summary>A token cancelled when the runtime unblocks <paramref name="fd"/>; dispose the returned watch when the
    /// wait is over.</summary>
    internal static Watching Watch(int fd, out CancellationToken aborted)
    {
        Interlocked.Increment(ref s_watching);
        var source = s_watched.GetOrAdd(fd, static _ => new CancellationTokenSource());
        aborted = source.Token;
        return new Watching(fd);
    }

    /// <summary>The runtime unblocks <paramref name="fd"/>: waits on it end. Never throws.</summary>
    internal static void Abort(int fd)
    {
        if (Volatile.Read(ref s_watching) == 0 || !s_watched.TryRemove(fd, out var source))
        {
            return;
        }

        try
        {
            source.Cancel();
        }
        catch (AggregateException)
        {
            // A wait's registration threw; the wait itself has been told.
        }
    }

    /// <summary>A wait on a descriptor, ended with <see cref="Dispose"/>.</summary>
    internal readonly struct Watching(int fd) : IDisposable
    {
        public void Dispose()
        {
            if (Interlocked.Decrement(ref s_watching) == 0)
            {
                s_watched.TryRemove(fd, out _);
            }
        }
    }
}
