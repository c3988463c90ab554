using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Socktest;
using Socktest.Interop;
using static Socktest.Interop.SocketConstants;

namespace Demo;

/// <summary>
/// A small fault-injected run on loopback: a listener, a few clients through one switch, ECONNREFUSED injected on one
/// connect and ECONNABORTED on one accept, then Go-format statistics and a leak report. Exits 1 if a socket leaked.
/// </summary>
public static class Program
{
    public static int Main()
    {
        var calls = new SocketCallsSwitch();
        var faults = new List<string>();

        int listener = OpenListener(calls, out byte[] serverAddress);

        int connectCount = 0;
        calls.Set(FilterType.Connect, status =>
        {
            if (++connectCount != 2)
            {
                return FilterResult.Proceed;
            }

            faults.Add($"connect #2 {status.Cookie}: injected ECONNREFUSED; the client gave up without reaching the kernel");
            return Errno.ECONNREFUSED;
        });

        int acceptCount = 0;
        calls.Set(FilterType.Accept, status =>
        {
            if (++acceptCount != 1)
            {
                return FilterResult.Proceed;
            }

            // Go's after-filter style: let the kernel accept, then report ECONNABORTED; the switch closes the new fd.
            return FilterResult.After(after =>
            {
                faults.Add($"accept #1 {after.Cookie}: kernel accepted, after-filter turned it into ECONNABORTED; the switch closed the accepted fd");
                return Errno.ECONNABORTED;
            });
        });

        var clients = new List<int>();
        for (int i = 0; i < 4; i++)
        {
            int client = calls.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            if (calls.Connect(client, serverAddress) < 0)
            {
                Console.WriteLine($"client {i + 1}: connect failed with {Errno.Last}");
                calls.Close(client);
                continue;
            }

            clients.Add(client);
        }

        // Three clients connected; the server accepts until it has served all of them, retrying ECONNABORTED as
        // Go's accept loop does. The aborted accept dropped one queued connection, so only two remain to accept.
        var served = new List<int>();
        while (served.Count < clients.Count - 1)
        {
            int accepted = calls.Accept(listener, Span<byte>.Empty, out _);
            if (accepted < 0)
            {
                Console.WriteLine($"server: accept failed with {Errno.Last}, retrying");
                continue;
            }

            served.Add(accepted);
        }

        foreach (int fd in served.Concat(clients).Append(listener))
        {
            calls.Close(fd);
        }

        return Report.Print(calls, faults);
    }

    private static int OpenListener(SocketCallsSwitch calls, out byte[] address)
    {
        int listener = calls.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        var any = new IPEndPoint(IPAddress.Loopback, 0).Serialize();
        byte[] bytes = new byte[any.Size];
        any.Buffer.Span[..any.Size].CopyTo(bytes);
        if (listener < 0 || Libc.Bind(listener, bytes) < 0 || calls.Listen(listener, 16) < 0
            || Libc.GetSockName(listener, bytes, out _) < 0)
        {
            throw new InvalidOperationException($"Could not listen on loopback: {Errno.Last}");
        }

        address = bytes;
        return listener;
    }
}
