using System;
using System.Runtime.InteropServices;
using System.Threading;
using Socktest;

namespace Socktest.Samples.Dialing;

/// <summary><c>poll(2)</c>, the one libc call the dialer needs beyond <see cref="ISocketCalls"/>.</summary>
internal static partial class Poll
{
    private const short POLLOUT = 0x4;
    private const short POLLERR = 0x8;
    private const short POLLHUP = 0x10;

    /// <summary>The longest single poll, so that an abandoned attempt notices its cancellation promptly.</summary>
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(20);

    /// <summary>Waits until <paramref name="fd"/> is writable (its connect finished, well or badly).</summary>
    /// <returns><see cref="Errno.None"/>; ETIMEDOUT after <paramref name="timeout"/>; EINTR when cancelled; or poll's own errno.</returns>
    public static Errno WaitWritable(int fd, TimeSpan timeout, CancellationToken cancel)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (cancel.IsCancellationRequested)
            {
                return Errno.EINTR;
            }

            TimeSpan left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return Errno.ETIMEDOUT;
            }

            var entry = new PollFd { Fd = fd, Events = POLLOUT };
            int ready = poll(ref entry, 1, (int)Math.Ceiling((left < Slice ? left : Slice).TotalMilliseconds));
            if (ready < 0)
            {
                Errno error = Errno.Last();
                if (error == Errno.EINTR)
                {
                    continue;
                }

                return error;
            }

            if (ready > 0 && (entry.Revents & (POLLOUT | POLLERR | POLLHUP)) != 0)
            {
                return Errno.None;
            }
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int poll(ref PollFd fds, nuint count, int timeoutMilliseconds);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
