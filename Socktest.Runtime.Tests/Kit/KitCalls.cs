using System;
using System.Collections.Generic;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Kit;

/// <summary>Real calls through a switch, reduced to what the kit's tests compare: the errno each call ended with.</summary>
internal static class KitCalls
{
    /// <summary>Makes <paramref name="count"/> TCP socket calls of <paramref name="net"/> through <paramref name="sw"/>,
    /// closes every socket that opened, and returns each call's errno (<see cref="Errno.None"/> for a socket).</summary>
    public static Errno[] Sockets(SocketCallsSwitch sw, int count, Net net = Net.V4)
    {
        var outcomes = new Errno[count];
        for (int i = 0; i < count; i++)
        {
            outcomes[i] = Socket(sw, net);
        }

        return outcomes;
    }

    /// <summary>One TCP socket call through <paramref name="sw"/>: its errno, the socket closed again.</summary>
    public static Errno Socket(SocketCallsSwitch sw, Net net = Net.V4)
    {
        int fd = sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP);
        if (fd < 0)
        {
            return Errno.Last();
        }

        Assert.Equal(0, sw.Close(fd));
        return Errno.None;
    }

    /// <summary>A tracked TCP socket connected, through <paramref name="sw"/>, to an untracked listener on
    /// <paramref name="port"/>; fails the test if either call fails.</summary>
    public static int Connected(SocketCallsSwitch sw, Net net, int port)
    {
        int fd = Loopback.Check(sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP), "socket");
        Loopback.Check(sw.Connect(fd, Loopback.Address(net, port)), "connect");
        return fd;
    }

    /// <summary>Connects a new tracked socket to <paramref name="port"/>: the connect's errno, the socket closed again.</summary>
    public static Errno Connect(SocketCallsSwitch sw, Net net, int port)
    {
        int fd = Loopback.Check(sw.Socket(Loopback.Family(net), SOCK_STREAM, IPPROTO_TCP), "socket");
        var outcome = sw.Connect(fd, Loopback.Address(net, port)) == 0 ? Errno.None : Errno.Last();
        Assert.Equal(0, sw.Close(fd));
        return outcome;
    }

    /// <summary>The switch's statistics for TCP on <paramref name="net"/>: <paramref name="opened"/> sockets opened and
    /// closed, <paramref name="connected"/> connects, nothing else (injected errors are counted nowhere).</summary>
    public static void AssertAllClosed(SocketCallsSwitch sw, Net net, int opened, int connected = 0)
    {
        var tcp = Loopback.TcpCookie(net);
        if (opened == 0)
        {
            Assert.DoesNotContain(sw.Stats(), stat => stat.Cookie == tcp);
            return;
        }

        var expected = StatAssert.Zero(tcp) with { Opened = (ulong)opened, Closed = (ulong)opened, Connected = (ulong)connected };
        Assert.Equal(expected, StatAssert.Of(sw, tcp));
    }

    /// <summary>How many outcomes failed.</summary>
    public static int Failures(IEnumerable<Errno> outcomes)
    {
        int failed = 0;
        foreach (var outcome in outcomes)
        {
            failed += outcome == Errno.None ? 0 : 1;
        }

        return failed;
    }

    /// <summary>Runs <paramref name="action"/> and hands back the argument exception it threw.</summary>
    public static T Rejects<T>(string parameter, Action action)
        where T : ArgumentException
    {
        var error = Assert.Throws<T>(action);
        Assert.Equal(parameter, error.ParamName);
        return error;
    }
}
