using System;
using Socktest;

namespace Socktest.Samples.Echo;

/// <summary>The client side of the echo protocol on a raw connected socket, such as the dialer returns.</summary>
public static class EchoClient
{
    /// <summary>Sends <paramref name="message"/> and reads the same number of bytes back.</summary>
    /// <param name="fd">A connected stream socket, blocking or not.</param>
    /// <param name="message">The bytes to send.</param>
    /// <param name="timeout">How long the write and the read may each take.</param>
    /// <returns><see cref="Errno.None"/> when the reply equals the message; EIO when it differs; ETIMEDOUT, ECONNRESET or the call's errno otherwise.</returns>
    public static Errno RoundTrip(int fd, ReadOnlySpan<byte> message, TimeSpan timeout)
    {
        Errno error = Transfer.WriteAll(fd, message, timeout);
        if (error != Errno.None)
        {
            return error;
        }

        byte[] reply = new byte[message.Length];
        error = Transfer.ReadExactly(fd, reply, timeout);
        if (error != Errno.None)
        {
            return error;
        }

        return message.SequenceEqual(reply) ? Errno.None : Errno.EIO;
    }
}
