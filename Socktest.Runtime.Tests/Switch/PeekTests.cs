using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Socktest.Interop;
using Socktest.Tests.Support;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Tests.Switch;

/// <summary>A receive with MSG_PEEK through a generated switch: it takes nothing from the socket, so it counts no bytes;
/// it still runs the Recv filter (which may fail it), a kernel failure still counts as RecvFailed, and the trace marks
/// it so that its result is not read as bytes received.</summary>
public class PeekTests
{
    private static readonly byte[] Ten = "0123456789"u8.ToArray();

    [Theory]
    [InlineData(Net.V4)]
    [InlineData(Net.V6)]
    public void APeekCountsNoBytesAndTheReadAfterItCountsThemOnce(Net net)
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, net);
        Assert.Equal(Ten.Length, Libc.Send(pair.Server, Ten, MSG_NOSIGNAL));
        var buffer = new byte[100];

        Assert.Equal(1, sw.Recv(pair.Client, buffer.AsSpan(0, 1), MSG_PEEK)); // .NET's zero-byte receive: wait, take nothing
        Assert.Equal(pair.Baseline, Assert.Single(sw.Stats()));
        Assert.Equal(Ten.Length, sw.Recv(pair.Client, buffer, MSG_PEEK | MSG_DONTWAIT));
        Assert.Equal(pair.Baseline, Assert.Single(sw.Stats()));
        Assert.Equal(Ten.Length, sw.Recv(pair.Client, buffer, 0));

        Assert.Equal(Ten, buffer[..Ten.Length]);
        Assert.Equal(pair.Baseline with { BytesReceived = (ulong)Ten.Length }, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void TheRecvFilterRunsOnAPeekAndMayFailIt()
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, Net.V4);
        Assert.Equal(Ten.Length, Libc.Send(pair.Server, Ten, MSG_NOSIGNAL));
        var seen = new ConcurrentQueue<int>();
        sw.Set(FilterType.Recv, st =>
        {
            seen.Enqueue(st.Requested);
            return Errno.ECONNRESET;
        });

        Assert.Equal(-1, sw.Recv(pair.Client, new byte[1], MSG_PEEK));
        Assert.Equal(Errno.ECONNRESET, Errno.Last());

        Assert.Equal(1, Assert.Single(seen));
        sw.Set(FilterType.Recv, null);
        Assert.Equal(pair.Baseline, Assert.Single(sw.Stats())); // injected: counted nowhere
        Assert.Equal(Ten.Length, sw.Recv(pair.Client, new byte[100], 0));
        Assert.Equal(pair.Baseline with { BytesReceived = (ulong)Ten.Length }, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void TheKernelsFailureOfAPeekCountsRecvFailed()
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, Net.V4);

        Assert.Equal(-1, sw.Recv(pair.Client, new byte[1], MSG_PEEK | MSG_DONTWAIT));

        Assert.Equal(Errno.EAGAIN, Errno.Last());
        Assert.Equal(pair.Baseline with { RecvFailed = 1 }, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void AnAfterFilterSeesAPeekMoveNothing()
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, Net.V4);
        Assert.Equal(Ten.Length, Libc.Send(pair.Server, Ten, MSG_NOSIGNAL));
        var after = new ConcurrentQueue<(int Requested, int Transferred)>();
        sw.Set(FilterType.Recv, _ => FilterResult.After(done =>
        {
            after.Enqueue((done.Requested, done.Transferred));
            return Errno.None;
        }));

        Assert.Equal(Ten.Length, sw.Recv(pair.Client, new byte[16], MSG_PEEK));
        Assert.Equal(Ten.Length, sw.Recv(pair.Client, new byte[16], 0));

        Assert.Equal([(16, 0), (16, Ten.Length)], after.ToArray());
    }

    /// <summary><see cref="Faults.ResetAfter"/> lets exactly its bytes move: a peek before each read spends none of
    /// them.</summary>
    [Fact]
    public void ResetAfterLetsExactlyItsBytesThroughWhenEachReadFollowsAPeek()
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, Net.V4);
        byte[] data = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        Assert.Equal(data.Length, Libc.Send(pair.Server, data, MSG_NOSIGNAL));
        sw.Set(FilterType.Recv, Faults.ResetAfter(25));
        var received = new System.Collections.Generic.List<byte>();
        var buffer = new byte[10];

        while (true)
        {
            if (sw.Recv(pair.Client, buffer.AsSpan(0, 1), MSG_PEEK) < 0)
            {
                break;
            }

            int n = sw.Recv(pair.Client, buffer, 0);
            if (n < 0)
            {
                break;
            }

            received.AddRange(buffer[..n]);
        }

        Assert.Equal(Errno.ECONNRESET, Errno.Last());
        Assert.Equal(data[..25], received.ToArray());
        Assert.Equal(pair.Baseline with { BytesReceived = 25 }, Assert.Single(sw.Stats()));
    }

    [Fact]
    public void TheTraceShowsAPeekAsRecvWithMsgPeek()
    {
        var sw = new SocketCallsSwitch();
        using var pair = new DataPair(sw, Net.V4);
        Assert.Equal(Ten.Length, Libc.Send(pair.Server, Ten, MSG_NOSIGNAL));
        using var trace = sw.StartTrace();

        Assert.Equal(1, sw.Recv(pair.Client, new byte[1], MSG_PEEK));
        Assert.Equal(Ten.Length, sw.Recv(pair.Client, new byte[100], 0));
        Assert.Equal(-1, sw.Recv(pair.Client, new byte[1], MSG_PEEK | MSG_DONTWAIT));

        var entries = trace.Entries();
        Assert.Equal([(true, 1), (false, Ten.Length), (true, -1)], entries.Select(e => (e.Peek, e.Result)).ToArray());
        Assert.All(entries, e => Assert.Equal(FilterType.Recv, e.Operation));
        Assert.Equal($"#1 recv(MSG_PEEK) fd {pair.Client} (inet4, stream, tcp) -> 1", entries[0].ToString());
        Assert.Equal($"#2 recv fd {pair.Client} (inet4, stream, tcp) -> 10", entries[1].ToString());
        Assert.Equal($"#3 recv(MSG_PEEK) fd {pair.Client} (inet4, stream, tcp) -> -1 EAGAIN", entries[2].ToString());
        Assert.Contains("recv(MSG_PEEK)", trace.Format(), StringComparison.Ordinal);
        Assert.Equal(pair.Baseline with { BytesReceived = (ulong)Ten.Length, RecvFailed = 1 }, Assert.Single(sw.Stats()));
    }

    /// <summary>A request-response server written against the generated interface, which waits for each request with a
    /// one-byte <c>recv(MSG_PEEK)</c> before reading it, as .NET's zero-byte receive does: over 100 requests the bytes
    /// its switch counts received are exactly the bytes the client sent.</summary>
    [Fact]
    public async Task OverAHundredRequestsTheBytesCountedReceivedAreExactlyTheBytesSent()
    {
        const int Requests = 100;
        var sw = new SocketCallsSwitch();
        int listener = Loopback.Check(sw.Socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), "socket");
        int port = Loopback.BindEphemeral(listener, Net.V4);
        Loopback.Check(sw.Listen(listener, 16), "listen");
        long peeks = 0;
        void Serve()
        {
            int fd = Loopback.Check(sw.Accept(listener, default, out _), "accept");
            var buffer = new byte[256];
            var pending = new StringBuilder();
            int answered = 0;
            while (answered < Requests)
            {
                Loopback.Check(sw.Recv(fd, buffer.AsSpan(0, 1), MSG_PEEK), "peek");
                peeks++;
                int n = Loopback.Check(sw.Recv(fd, buffer, 0), "recv");
                pending.Append(Encoding.ASCII.GetString(buffer, 0, n));
                for (int end; (end = pending.ToString().IndexOf('\n', StringComparison.Ordinal)) >= 0; answered++)
                {
                    pending.Remove(0, end + 1);
                    Loopback.Check(sw.Send(fd, "ok\n"u8, MSG_NOSIGNAL), "send");
                }
            }

            Loopback.Check(sw.Close(fd), "close");
        }

        var server = Task.Run(Serve, TestContext.Current.CancellationToken);
        int client = Loopback.Client(Net.V4, port);
        long sent = 0;
        var reply = new byte[3];
        for (int i = 0; i < Requests; i++)
        {
            byte[] request = Encoding.ASCII.GetBytes($"GET /{new string('x', i)}\n");
            sent += Loopback.Check(Libc.Send(client, request, MSG_NOSIGNAL), "send");
            for (int got = 0; got < reply.Length;)
            {
                got += Loopback.Check(Libc.Recv(client, reply.AsSpan(got), 0), "recv");
            }
        }

        await server.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Loopback.CloseAll(client);
        Loopback.Check(sw.Close(listener), "close");

        var stat = Assert.Single(sw.Stats());
        Assert.Equal(Requests, peeks);
        Assert.Equal((ulong)sent, stat.BytesReceived);
        Assert.Equal((ulong)(3 * Requests), stat.BytesSent);
        Assert.Equal((1UL, 1UL, 2UL, 0UL), (stat.Listened, stat.Accepted, stat.Closed, stat.RecvFailed));
    }
}
