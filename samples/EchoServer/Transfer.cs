using System;
using System.Diagnostics;
using Socktest;

namespace Socktest.Samples.Echo;

/// <summary>Whole-buffer reads and writes with a deadline, on blocking or non-blocking descriptors alike.</summary>
internal static class Transfer
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(50);

    /// <summary>Writes all of <paramref name="data"/>.</summary>
    /// <returns><see cref="Errno.None"/>, ETIMEDOUT, or write's errno.</returns>
    public static Errno WriteAll(int fd, ReadOnlySpan<byte> data, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!data.IsEmpty)
        {
            int written = FdIo.Write(fd, data);
            if (written >= 0)
            {
                data = data[written..];
                continue;
            }

            Errno error = Errno.Last();
            if (error != Errno.EAGAIN && error != Errno.EINTR)
            {
                return error;
            }

            if (clock.Elapsed > timeout)
            {
                return Errno.ETIMEDOUT;
            }

            Errno waited = FdIo.WaitWritable(fd, Slice, out _);
            if (waited != Errno.None)
            {
                return waited;
            }
        }

        return Errno.None;
    }

    /// <summary>Reads until <paramref name="buffer"/> is full.</summary>
    /// <returns><see cref="Errno.None"/>; ECONNRESET if the stream ended first; ETIMEDOUT; or read's errno.</returns>
    public static Errno ReadExactly(int fd, Span<byte> buffer, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!buffer.IsEmpty)
        {
            if (clock.Elapsed > timeout)
            {
                return Errno.ETIMEDOUT;
            }

            Errno waited = FdIo.WaitReadable(fd, Slice, out bool ready);
            if (waited != Errno.None)
            {
                return waited;
            }

            if (!ready)
            {
                continue;
            }

            int read = FdIo.Read(fd, buffer);
            if (read > 0)
            {
                buffer = buffer[read..];
            }
            else if (read == 0)
            {
                return Errno.ECONNRESET;
            }
            else if (Errno.Last() is var error && error != Errno.EAGAIN && error != Errno.EINTR)
            {
                return error;
            }
        }

        return Errno.None;
    }
}
