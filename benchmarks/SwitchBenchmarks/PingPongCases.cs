using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Socktest.Interop;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Benchmarks;

/// <summary>
/// 64-byte send+recv ping-pong on a connected loopback TCP pair: one operation is a ping and its
/// pong, two sends and two receives. Through (a) raw P/Invoke, (c) the generated switch with no filter, (d) with
/// pass-through Send and Recv filters; and .NET's <c>Socket.Send</c>+<c>Receive</c> unhooked and with
/// <see cref="ProcessSockets.Install"/>. One thread drives both ends (the data is in the kernel's buffer when the other
/// end reads), so the figure is the calls' cost, not a scheduler's.
/// </summary>
internal sealed class PingPongCases : IDisposable
{
    private const int Size = 64;

    // recv waits for the whole 64 bytes (Linux's MSG_WAITALL), as a ping-pong protocol would.
    private const int MSG_WAITALL = 0x100;
    private readonly byte[] _ping = new byte[Size];
    private readonly byte[] _pong = new byte[Size];
    private readonly (int Client, int Server) _raw;
    private readonly (int Client, int Server) _plain;
    private readonly (int Client, int Server) _filtered;
    private readonly IPingPongCalls _plainSwitch = new PingPongCallsSwitch();
    private readonly IPingPongCalls _filteredSwitch = new PingPongCallsSwitch();

    public PingPongCases()
    {
        var proceed = (Filter)(static _ => FilterResult.After(static _ => Errno.None));
        ((ISocketSwitch)_filteredSwitch).Set(FilterType.Send, proceed);
        ((ISocketSwitch)_filteredSwitch).Set(FilterType.Recv, proceed);
        _raw = Connect(IPingPongCalls.Native);
        _plain = Connect(_plainSwitch);
        _filtered = Connect(_filteredSwitch);
    }

    /// <summary>The switches, for the books check once their pairs are closed.</summary>
    public ISocketSwitch[] Switches => [(ISocketSwitch)_plainSwitch, (ISocketSwitch)_filteredSwitch];

    /// <summary>The generated-switch group.</summary>
    public Case[] Switched() =>
    [
        new("(a) raw P/Invoke", Raw),
        new("(c) switch, no filter", Plain),
        new("(d) switch, pass-through Send and Recv filters", Filtered),
    ];

    /// <summary>The process-wide group.</summary>
    public Case[] ProcessWide() =>
    [
        new("Socket.Send + Receive, not hooked", n => Managed(n, hooked: false)),
        new("the same, ProcessSockets installed, no filter", n => Managed(n, hooked: true)),
    ];

    public void Dispose()
    {
        Libc.Close(_raw.Client);
        Libc.Close(_raw.Server);

        // Through the switches, so that their tables end empty.
        _plainSwitch.Close(_plain.Client);
        _plainSwitch.Close(_plain.Server);
        _filteredSwitch.Close(_filtered.Client);
        _filteredSwitch.Close(_filtered.Server);
    }

    private Sample Raw(int n)
    {
        var (client, server) = _raw;
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            Libc.Send(client, _ping, 0);
            Libc.Recv(server, _pong, MSG_WAITALL);
            Libc.Send(server, _pong, 0);
            Libc.Recv(client, _ping, MSG_WAITALL);
        }

        return meter.Stop(n);
    }

    private Sample Plain(int n) => Through(_plainSwitch, _plain, n);

    private Sample Filtered(int n) => Through(_filteredSwitch, _filtered, n);

    private Sample Through(IPingPongCalls calls, (int Client, int Server) pair, int n)
    {
        var (client, server) = pair;
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            calls.Send(client, _ping, 0);
            calls.Recv(server, _pong, MSG_WAITALL);
            calls.Send(server, _pong, 0);
            calls.Recv(client, _ping, MSG_WAITALL);
        }

        return meter.Stop(n);
    }

    private Sample Managed(int n, bool hooked)
    {
        using var sockets = hooked ? ProcessSockets.Install() : null;
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        using var server = listener.Accept();
        var meter = Meter.Start();
        for (int i = 0; i < n; i++)
        {
            client.Send(_ping);
            server.Receive(_pong, SocketFlags.None);
            server.Send(_pong);
            client.Receive(_ping, SocketFlags.None);
        }

        return meter.Stop(n);
    }

    /// <summary>Opens a listener, a client and the accepted end through <paramref name="calls"/>, and closes the
    /// listener.</summary>
    private static (int Client, int Server) Connect(IPingPongCalls calls)
    {
        Span<byte> address = stackalloc byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(address, (ushort)AF_INET);
        address[4] = 127;
        address[7] = 1;
        int listener = Meter.Check(calls.Socket(AF_INET, SOCK_STREAM, 0), "socket");
        Meter.Check(calls.Bind(listener, address), "bind");
        Meter.Check(calls.Listen(listener, 1), "listen");
        Meter.Check(Libc.Getsockname(listener, address, out _), "getsockname");
        int client = Meter.Check(calls.Socket(AF_INET, SOCK_STREAM, 0), "socket");
        Meter.Check(calls.Connect(client, address), "connect");
        int server = Meter.Check(calls.Accept(listener, stackalloc byte[128], out _), "accept");
        calls.Close(listener);
        return (client, server);
    }
}
