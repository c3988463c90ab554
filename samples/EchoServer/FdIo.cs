using System;
using System.Runtime.InteropServices;
using Socktest;

namespace Socktest.Samples.Echo;

/// <summary>
/// The libc calls the echo server needs beyond <see cref="ISocketCalls"/>: <c>poll</c>, <c>read</c> and <c>write</c>
/// on a descriptor. They are not socket-table calls, so they go straight to libc, not through the switch.
/// </summary>
internal static partial class FdIo
{
    private const short POLLIN = 0x1;
    private const short POLLOUT = 0x4;

    /// <summary>Waits up to <paramref name="timeout"/> for <paramref name="fd"/> to be readable (data, EOF, error or a pending connection).</summary>
    /// <returns><see cref="Errno.None"/> with <paramref name="ready"/> telling whether it is; poll's errno otherwise.</returns>
    public static Errno WaitReadable(int fd, TimeSpan timeout, out bool ready) => Wait(fd, POLLIN, timeout, out ready);

    /// <summary>Waits up to <paramref name="timeout"/> for <paramref name="fd"/> to be writable.</summary>
    /// <returns><see cref="Errno.None"/> with <paramref name="ready"/> telling whether it is; poll's errno otherwise.</returns>
    public static Errno WaitWritable(int fd, TimeSpan timeout, out bool ready) => Wait(fd, POLLOUT, timeout, out ready);

    /// <summary><c>read(2)</c> into <paramref name="buffer"/>.</summary>
    /// <returns>The bytes read, 0 at end of stream, or -1 with the errno set.</returns>
    public static int Read(int fd, Span<byte> buffer) => (int)read(fd, buffer, (nuint)buffer.Length);

    /// <summary><c>write(2)</c> from <paramref name="buffer"/>.</summary>
    /// <returns>The bytes written, or -1 with the errno set.</returns>
    public static int Write(int fd, ReadOnlySpan<byte> buffer) => (int)write(fd, buffer, (nuint)buffer.Length);

    private static Errno Wait(int fd, short events, TimeSpan timeout, out bool ready)
    {
        var entry = new PollFd { Fd = fd, Events = events };
        int result = poll(ref entry, 1, (int)Math.Ceiling(timeout.TotalMilliseconds));
        ready = result > 0;
        if (result >= 0)
        {
            return Errno.None;
        }

        Errno error = Errno.Last();
        return error == Errno.EINTR ? Errno.None : error;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int poll(ref PollFd fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint read(int fd, Span<byte> buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint write(int fd, ReadOnlySpan<byte> buffer, nuint count);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
