using System;
using Socktest.Interop;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Benchmarks;

/// <summary>getsockopt(SOL_SOCKET, SO_TYPE) on a socket: raw, and through a switch that tracks the socket.</summary>
internal sealed class GetsockoptCases : IDisposable
{
    private readonly IBenchCalls _switch = new BenchCallsSwitch();
    private readonly int _rawFd;
    private readonly int _trackedFd;

    public GetsockoptCases()
    {
        _rawFd = Meter.Check(Libc.Socket(AF_INET, SOCK_STREAM, 0), "socket");
        _trackedFd = Meter.Check(_switch.Socket(AF_INET, SOCK_STREAM, 0), "socket");
    }

    /// <summary>The group.</summary>
    public Case[] Calls() =>
    [
        new("raw P/Invoke", Raw),
        new("switch, tracked fd", Tracked),
    ];

    /// <inheritdoc/>
    public void Dispose()
    {
        Libc.Close(_rawFd);
        _switch.Close(_trackedFd);
    }

    private Sample Raw(int n)
    {
        int fd = _rawFd;
        int level = SOL_SOCKET, option = SO_TYPE;
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            Meter.Check(Libc.GetsockoptInt(fd, level, option, out _), "getsockopt");
        }

        return meter.Stop(n);
    }

    private Sample Tracked(int n)
    {
        var calls = _switch;
        int fd = _trackedFd;
        int level = SOL_SOCKET, option = SO_TYPE;
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            Meter.Check(calls.GetsockoptInt(fd, level, option, out _), "getsockopt");
        }

        return meter.Stop(n);
    }
}
