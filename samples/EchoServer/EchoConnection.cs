using System;
using System.Threading;
using Socktest;

namespace Socktest.Samples.Echo;

/// <summary>Serves one accepted connection: echoes what it reads until the peer closes, an error, or shutdown.</summary>
internal static class EchoConnection
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    public static void Serve(ISocketCalls calls, int fd, TimeSpan pollInterval, CancellationToken shutdown)
    {
        try
        {
            byte[] buffer = new byte[4096];
            while (!shutdown.IsCancellationRequested)
            {
                if (FdIo.WaitReadable(fd, pollInterval, out bool ready) != Errno.None)
                {
                    return;
                }

                if (!ready)
                {
                    continue;
                }

                int read = FdIo.Read(fd, buffer);
                if (read == 0 || (read < 0 && Errno.Last() != Errno.EINTR))
                {
                    return;
                }

                if (read > 0 && Transfer.WriteAll(fd, buffer.AsSpan(0, read), WriteTimeout) != Errno.None)
                {
                    return;
                }
            }
        }
        finally
        {
            calls.Close(fd);
        }
    }
}
