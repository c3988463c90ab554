using System;
using System.Net;
using System.Text;
using Socktest;
using Socktest.Samples;
using Socktest.Samples.Dialing;
using Socktest.Samples.Echo;

namespace Demo;

/// <summary>One client: dial the servers' addresses, send a line, read the echo, close.</summary>
internal sealed class EchoClientRun(ISocketCalls calls, Dialer dialer, IPEndPoint[] addresses)
{
    private static readonly TimeSpan EchoTimeout = TimeSpan.FromSeconds(5);

    public ClientOutcome Run(int number, string fault)
    {
        DialResult dial = dialer.Dial(addresses);
        Errno echo = Errno.None;
        if (dial.Succeeded)
        {
            echo = EchoClient.RoundTrip(dial.Fd, Encoding.UTF8.GetBytes($"hello from client {number}\n"), EchoTimeout);
            calls.Close(dial.Fd);
        }

        return new ClientOutcome(number, fault, dial, echo);
    }
}
