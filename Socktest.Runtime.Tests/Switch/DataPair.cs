using System;
using Socktest.Interop;
using Socktest.Tests.Support;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>A real loopback TCP connection whose client end a switch tracks (opened and connected through it) and whose
/// server end it does not.</summary>
internal sealed class DataPair : IDisposable
{
    private readonly SocketCallsSwitch _sw;
    private readonly int _listener;

    public DataPair(SocketCallsSwitch sw, Net net)
    {
        _sw = sw;
        Net = net;
        (_listener, int port) = Loopback.Listener(net);
        Client = Loopback.Check(sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP), "socket");
        Loopback.Check(sw.Connect(Client, Loopback.Address(net, port)), "connect");
        Server = Loopback.Check(Libc.Accept(_listener, default, out _), "accept");
    }

    public Net Net { get; }

    /// <summary>The tracked end.</summary>
    public int Client { get; }

    /// <summary>The untracked end.</summary>
    public int Server { get; }

    public Cookie Cookie => Loopback.TcpCookie(Net);

    /// <summary>The statistics a pair has before any data call: opened and connected once.</summary>
    public Stat Baseline => StatAssert.Zero(Cookie) with { Opened = 1, Connected = 1 };

    /// <summary>Everything waiting on <paramref name="fd"/> now, without blocking once the first bytes are in.</summary>
    public static byte[] Drain(int fd)
    {
        var received = new System.Collections.Generic.List<byte>();
        var buffer = new byte[4096];
        int flags = 0;
        while (true)
        {
            int n = Libc.Recv(fd, buffer, flags);
            if (n <= 0)
            {
                return received.ToArray();
            }

            received.AddRange(buffer.AsSpan(0, n).ToArray());
            flags = MSG_DONTWAIT;
        }
    }

    public void Dispose()
    {
        Loopback.Check(_sw.Close(Client), "close");
        Loopback.CloseAll(Server, _listener);
    }
}
