using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Interop;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>Datagrams through the process-wide switch. System.Native imports no <c>sendto</c>/<c>recvfrom</c>:
/// <see cref="Socket.SendTo(byte[], EndPoint)"/> and <see cref="Socket.ReceiveFrom(byte[], ref EndPoint)"/> are
/// <c>sendmsg</c>/<c>recvmsg</c> with an address, so they reach the Send and Recv filters already.</summary>
[Collection(ProcessWideCollection.Name)]
public class DatagramTests
{
    private static readonly byte[] Request = "weather?"u8.ToArray();

    /// <summary>The server's first reply fails (ENOBUFS, which Linux can return for a UDP send): the datagram is lost,
    /// the client's receive times out, and its retry gets the answer.</summary>
    [Fact]
    public async Task ADatagramDroppedByAFailedSendIsRecoveredByTheClientsRetry()
    {
        using var sockets = ProcessSockets.Install();
        await using var server = new UdpEchoServer();
        int port = server.EndPoint.Port;
        var fromServer = SocketMatch.LocalPort(port);
        int injected = 0;
        sockets.Set(FilterType.Send, st => IsUdp(st) && fromServer(st) && Interlocked.Exchange(ref injected, 1) == 0 ? Errno.ENOBUFS : default);
        int attempts;
        using (var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            (attempts, byte[] answer) = await AskWithRetriesAsync(client, server.EndPoint);

            Assert.Equal(Request, answer);
        }

        Assert.Equal(2, attempts);
        await server.WaitForRepliesAsync(1);
        Assert.Equal((2, 1), (server.Requests, server.FailedReplies));
        var udp = UdpStats(sockets);
        Assert.Equal((ulong)(3 * Request.Length), udp.BytesSent); // two requests and one reply; the failed reply is counted nowhere
        Assert.Equal((ulong)(3 * Request.Length), udp.BytesReceived);
        Assert.Equal(0UL, udp.SendFailed);
    }

    /// <summary>A limit on a datagram's send splits the datagram: the kernel sends the first bytes as a datagram of their
    /// own, and the runtime, which loops on a short send whatever the socket type, sends the rest as another (measured).
    /// A datagram protocol sees two messages where the code sent one: use Limit on stream sockets.</summary>
    [Fact]
    public async Task ALimitOnADatagramsSendSplitsItIntoTwoDatagrams()
    {
        using var sockets = ProcessSockets.Install();
        await using var server = new UdpEchoServer();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int clientPort = ((IPEndPoint)client.LocalEndPoint!).Port;
        var fromClient = SocketMatch.LocalPort(clientPort);
        sockets.Set(FilterType.Send, st => IsUdp(st) && fromClient(st) ? FilterResult.Limit(4) : default);

        int sent = await client.SendToAsync(Request, SocketFlags.None, server.EndPoint);
        sockets.Set(FilterType.Send, null);
        var buffer = new byte[64];
        var first = await client.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        byte[] firstEcho = buffer[..first.ReceivedBytes];
        var second = await client.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(Request.Length, sent); // SendTo reports the whole datagram sent
        Assert.Equal(Request[..4], firstEcho); // the echo of each part, in order
        Assert.Equal(Request[4..], buffer[..second.ReceivedBytes]);
        Assert.Equal(2, server.Requests);
    }

    /// <summary>A datagram read with <see cref="SocketFlags.Peek"/> (a <c>recvmsg</c> with MSG_PEEK) stays queued and
    /// counts no bytes; the read that takes it counts them, so the bytes received equal the bytes sent exactly. On the
    /// hook's own path (no filter) and through the switch (a Recv filter) alike.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void APeekedDatagramCountsItsBytesOnceWhenItIsRead(bool filtered)
    {
        using var sockets = ProcessSockets.Install();
        int recvCalls = 0;
        if (filtered)
        {
            sockets.Set(FilterType.Recv, _ =>
            {
                Interlocked.Increment(ref recvCalls);
                return default;
            });
        }

        using (var server = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        using (var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            server.ReceiveTimeout = 30_000;
            Assert.Equal(Request.Length, client.SendTo(Request, server.LocalEndPoint!));
            var buffer = new byte[64];
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);

            Assert.Equal(Request.Length, server.ReceiveFrom(buffer, SocketFlags.Peek, ref from));
            Assert.Equal(Request.Length, server.ReceiveFrom(buffer, SocketFlags.Peek, ref from));
            Assert.Equal(0UL, UdpStats(sockets).BytesReceived);
            Assert.Equal(Request.Length, server.ReceiveFrom(buffer, SocketFlags.None, ref from));

            Assert.Equal(Request, buffer[..Request.Length]);
            Assert.Equal(client.LocalEndPoint, from);
        }

        sockets.Set(FilterType.Recv, null);
        var udp = UdpStats(sockets);
        Assert.Equal(((ulong)Request.Length, (ulong)Request.Length, 0UL), (udp.BytesSent, udp.BytesReceived, udp.RecvFailed));
        Assert.Equal(filtered ? 3 : 0, recvCalls); // the filter ran on both peeks and the read
    }

    private static bool IsUdp(Status status)
        => (status.Cookie.Type & 0xff) == SocketConstants.SOCK_DGRAM && status.Cookie.Protocol == SocketConstants.IPPROTO_UDP;

    private static Stat UdpStats(ISocketSwitch sockets)
        => sockets.Stats().Single(s => s.Family == SocketConstants.AF_INET && (s.Type & 0xff) == SocketConstants.SOCK_DGRAM && s.Protocol == SocketConstants.IPPROTO_UDP);

    /// <summary>A request/response client as UDP clients are written: send, wait a little for the answer, send again.</summary>
    private static async Task<(int Attempts, byte[] Answer)> AskWithRetriesAsync(Socket client, IPEndPoint server)
    {
        var buffer = new byte[2048];
        for (int attempt = 1; attempt <= 5; attempt++)
        {
            await client.SendToAsync(Request, SocketFlags.None, server);
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try
            {
                var reply = await client.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), wait.Token);
                return (attempt, buffer[..reply.ReceivedBytes]);
            }
            catch (OperationCanceledException)
            {
                // No answer in time: ask again.
            }
        }

        throw new TimeoutException("no answer after 5 attempts");
    }
}
