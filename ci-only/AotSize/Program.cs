using System;
using System.Net;
using Socktest;
using Socktest.Interop;
using static Socktest.Interop.SocketConstants;

namespace AotSize;

/// <summary>One loopback connection: listen, connect, accept, close. With SOCKTEST_SWITCH the calls go through the
/// generated switch, which also injects one ECONNREFUSED and prints Go-format statistics; without it, straight to libc.</summary>
public static class Program
{
    /// <summary>Exits 0 when the connection was made and everything was closed.</summary>
    public static int Main()
    {
#if SOCKTEST_SWITCH
        var calls = new SocketCallsSwitch();
        int attempts = 0;
        calls.Set(FilterType.Connect, status => ++attempts == 1 ? Errno.ECONNREFUSED : Errno.None);
#else
        var calls = ISocketCalls.Native;
#endif
        int listener = calls.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        var endpoint = new IPEndPoint(IPAddress.Loopback, 0).Serialize();
        byte[] address = endpoint.Buffer.Span[..endpoint.Size].ToArray();
        if (listener < 0 || Libc.Bind(listener, address) < 0 || calls.Listen(listener, 4) < 0
            || Libc.Getsockname(listener, address, out _) < 0)
        {
            Console.Error.WriteLine($"listen: {Errno.Last()}");
            return 1;
        }

        int client = calls.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        while (calls.Connect(client, address) < 0)
        {
            Console.WriteLine($"connect: {Errno.Last()}, retrying");
        }

        int server = calls.Accept(listener, Span<byte>.Empty, out _);
        int failures = server < 0 ? 1 : 0;
        foreach (int fd in new[] { server, client, listener })
        {
            failures += calls.Close(fd) == 0 ? 0 : 1;
        }

#if SOCKTEST_SWITCH
        foreach (var stat in calls.Stats())
        {
            Console.WriteLine(stat);
        }

        failures += calls.Sockets().Count;
#endif
        Console.WriteLine(failures == 0 ? "ok" : "failed");
        return failures == 0 ? 0 : 1;
    }
}
