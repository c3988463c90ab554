using System;
using System.Net;
using System.Net.Sockets;

namespace Socktest.Samples.Dialing.Tests;

/// <summary>A listener on 127.0.0.1 and one on ::1 for the dialer to reach; connections wait in the backlog.</summary>
public sealed class LoopbackListeners : IDisposable
{
    private readonly TcpListener _inet4 = new(IPAddress.Loopback, 0);
    private readonly TcpListener _inet6 = new(IPAddress.IPv6Loopback, 0);

    public LoopbackListeners()
    {
        _inet4.Start();
        _inet6.Start();
    }

    public IPEndPoint Inet4 => (IPEndPoint)_inet4.LocalEndpoint;

    public IPEndPoint Inet6 => (IPEndPoint)_inet6.LocalEndpoint;

    /// <summary>A loopback port nothing listens on: the kernel refuses connections to it.</summary>
    public static IPEndPoint ClosedInet4Port()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var endPoint = (IPEndPoint)probe.LocalEndpoint;
        probe.Stop();
        return endPoint;
    }

    public void Dispose()
    {
        _inet4.Stop();
        _inet6.Stop();
    }
}
