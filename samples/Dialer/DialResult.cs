using System;
using System.Net;
using System.Threading.Tasks;
using Socktest;

namespace Socktest.Samples.Dialing;

/// <summary>What <see cref="Dialer.Dial"/> returns: the connected socket, or the error that stopped it.</summary>
public sealed class DialResult
{
    internal DialResult(int fd, Errno error, IPEndPoint? remoteEndPoint, bool fallbackStarted, TimeSpan elapsed, Task settled)
    {
        Fd = fd;
        Error = error;
        RemoteEndPoint = remoteEndPoint;
        FallbackStarted = fallbackStarted;
        Elapsed = elapsed;
        Settled = settled;
    }

    /// <summary>The connected, non-blocking descriptor (the caller owns it and closes it), or -1.</summary>
    public int Fd { get; }

    /// <summary><see cref="Errno.None"/> on success; otherwise the primary family's first error.</summary>
    public Errno Error { get; }

    /// <summary>Whether a socket connected.</summary>
    public bool Succeeded => Fd >= 0;

    /// <summary>The address the socket connected to, or <see langword="null"/>.</summary>
    public IPEndPoint? RemoteEndPoint { get; }

    /// <summary>Whether the fallback family was tried (after the fallback delay, or at once when the primary failed).</summary>
    public bool FallbackStarted { get; }

    /// <summary>How long the dial took until it returned.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>
    /// Completes when every attempt this dial started has finished and every socket that lost the race is closed.
    /// The dial returns as soon as it has a winner; a loser still in its connect finishes in the background.
    /// </summary>
    public Task Settled { get; }

    /// <inheritdoc/>
    public override string ToString()
        => Succeeded ? $"fd {Fd} connected to {RemoteEndPoint} in {Elapsed.TotalMilliseconds:F0} ms" : $"failed with {Error} after {Elapsed.TotalMilliseconds:F0} ms";
}
