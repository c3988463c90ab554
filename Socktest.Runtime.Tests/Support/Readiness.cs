using System.Runtime.InteropServices;

namespace Socktest.Tests.Support;

/// <summary><c>poll(2)</c> on one descriptor: waits for an event instead of sleeping.</summary>
internal static class Readiness
{
    private const short PollIn = 0x1;
    private const short PollOut = 0x4;

    /// <summary>How long a test waits for loopback to deliver something that must come.</summary>
    public const int Patience = 10_000;

    /// <summary>Whether a listener has a connection pending (or a socket has data) within <paramref name="timeoutMs"/>.</summary>
    public static bool Readable(int fd, int timeoutMs) => Poll(fd, PollIn, timeoutMs);

    /// <summary>Whether a connecting socket has finished (connected or failed) within <paramref name="timeoutMs"/>.</summary>
    public static bool Writable(int fd, int timeoutMs) => Poll(fd, PollOut, timeoutMs);

    private static bool Poll(int fd, short events, int timeoutMs)
    {
        var entry = new PollFd { Fd = fd, Events = events };
        int result = NativeMethods.poll(ref entry, 1, timeoutMs);
        Loopback.Check(result, "poll");
        return result > 0 && (entry.Revents & events) != 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        internal static extern int poll(ref PollFd fds, nuint count, int timeout);
    }
}
