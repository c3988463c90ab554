using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Socktest.Interop;
using Socktest.Scenarios;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>HttpClient against a real Kestrel server on loopback, with faults on the data path of the process-wide
/// switch: the data-path scenarios (a reset in the middle of a body, reads cut to one byte, a read delayed past the
/// client's timeout) with Kestrel as their server, and a bind refused. Each ends with no TCP socket left open.</summary>
[Collection(ProcessWideCollection.Name)]
public class KestrelTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>HttpClient dials from dual-mode IPv6 sockets; Kestrel listens on 127.0.0.1, so its sockets are IPv4.</summary>
    internal static bool IsClient(Status status) => status.Cookie.Family == SocketConstants.AF_INET6;

    [Fact]
    public Task AResetAfterSomeBytesOfTheBodyIsAConnectionResetInsideTheReadError()
        => DataPathScenarios.ResetAfterSomeBytesOfTheBodyIsAConnectionResetInsideTheReadError(KestrelServer.Start, resetAfter: 10_000, bodyLength: 100_000);

    [Fact]
    public async Task EveryRecvLimitedToOneByteGivesAByteIdenticalResponse()
    {
        var stat = await DataPathScenarios.EveryRecvLimitedToOneByteGivesAByteIdenticalResponse(KestrelServer.Start, bodyLength: 20_000);

        Assert.True(stat.RecvFailed > 0, "the runtime's non-blocking reads met EAGAIN, and each counts as RecvFailed");
    }

    [Fact]
    public Task ARecvDelayedPastTheTimeoutIsATimeout() => DataPathScenarios.ARecvDelayedPastTheTimeoutIsATimeout(KestrelServer.Start);

    /// <summary>Kestrel waits for each request with a zero-byte receive, which .NET makes a one-byte
    /// <c>recv(MSG_PEEK)</c>. Over 100 requests on 10 keep-alive connections, the bytes the scope counts received on the
    /// server side are exactly the bytes the client wrote. Each request is over 8 KB, written at once: Kestrel reads at
    /// most 4 KB at a time, so before its next read of the request it peeks, and that peek sees a byte. Twice: on the
    /// hook's own path (no filter, no trace), and through the switch with a trace, which shows the peeks.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheServerSideCountsReceivedExactlyTheBytesTheClientSentOverAHundredRequests(bool traced)
    {
        const int Connections = 10;
        const int RequestsEach = 10;
        var ct = TestContext.Current.CancellationToken;
        byte[] body = "hello from kestrel"u8.ToArray();
        using var scope = ProcessSockets.BeginScope();
        using var trace = traced ? scope.StartTrace(100_000) : null;
        long sent = 0;
        long bodies = 0;
        await using (var server = await KestrelServer.StartAsync(KestrelServer.Serving(body)))
        {
            for (int c = 0; c < Connections; c++)
            {
                using var client = new Socket(SocketType.Stream, ProtocolType.Tcp); // dual-mode IPv6; Kestrel's side is IPv4
                await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Url.Port), ct).AsTask().WaitAsync(Patience, ct);
                for (int r = 0; r < RequestsEach; r++)
                {
                    byte[] request = Encoding.ASCII.GetBytes(
                        $"GET /{c}/{r} HTTP/1.1\r\nHost: 127.0.0.1:{server.Url.Port}\r\nX-Pad: {new string('q', 8_000 + (r * 7))}\r\n\r\n");
                    sent += await client.SendAsync(request.AsMemory(), SocketFlags.None, ct).AsTask().WaitAsync(Patience, ct);
                    Assert.Equal(body, await HttpResponse.ReadBodyAsync(client, ct).WaitAsync(Patience, ct));
                    bodies++;
                }

                client.Shutdown(SocketShutdown.Send);
                Assert.Equal(0, await client.ReceiveAsync(new byte[16].AsMemory(), SocketFlags.None, ct).AsTask().WaitAsync(Patience, ct)); // Kestrel read the end and closed
            }
        }

        var serverSide = StreamStats.Of(scope, SocketConstants.AF_INET);
        var clientSide = StreamStats.Of(scope, SocketConstants.AF_INET6);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{bodies} requests, {sent} bytes written by the client; server counted {serverSide.BytesReceived} received, {serverSide.RecvFailed} recv failures; "
            + $"client counted {clientSide.BytesSent} sent, {clientSide.BytesReceived} received of {serverSide.BytesSent} the server sent");
        Assert.Equal(Connections * RequestsEach, bodies);
        Assert.Equal((ulong)Connections, serverSide.Accepted);
        Assert.Equal((ulong)sent, serverSide.BytesReceived);
        Assert.Equal((ulong)sent, clientSide.BytesSent);
        Assert.Equal(serverSide.BytesSent, clientSide.BytesReceived);
        if (trace is not null)
        {
            // The runtime tries a zero-byte receive at once: a peek that sees the rest of a request, or EAGAIN (a
            // RecvFailed) before the next request, after which it waits for readiness and completes the receive with no
            // further call.
            var peeks = trace.Entries().Where(e => e.Peek && e.Cookie.Family == SocketConstants.AF_INET).ToArray();
            int sawData = peeks.Count(e => e.Result > 0);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{trace.Recorded} calls traced; server-side peeks: {peeks.Length}, {sawData} of them saw a byte");
            Assert.True(trace.Recorded <= trace.Capacity, "the trace kept every call");
            Assert.True(sawData >= Connections * RequestsEach, $"{sawData} server-side peeks saw a byte: one before each request at least");
            Assert.All(peeks, e => Assert.InRange(e.Result, -1, 1)); // a byte, the end of the stream, or EAGAIN
        }

        await TcpSockets.AssertNoneLeftAsync(scope);
    }

    [Fact]
    public async Task AnAddressInUseOnKestrelsBindIsItsStartupIOException()
    {
        using var sockets = ProcessSockets.Install();
        sockets.Set(FilterType.Bind, _ => Errno.EADDRINUSE);
        var app = KestrelServer.Build(context => Task.CompletedTask);

        var error = await Assert.ThrowsAsync<IOException>(() => app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken));

        Assert.IsType<Microsoft.AspNetCore.Connections.AddressInUseException>(error.InnerException);
        await app.DisposeAsync();
        sockets.Set(FilterType.Bind, null);

        // Kestrel does not dispose the socket whose bind failed: it stays open (the switch shows it) until its
        // SafeHandle is finalized. Collect, so that a socket still open afterwards is a leak of ours.
        Assert.InRange(StreamStats.OpenCount(sockets, SocketConstants.AF_INET), 0, 1);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(0UL, StreamStats.Of(sockets, SocketConstants.AF_INET).BindFailed); // injected: counted nowhere
        await TcpSockets.AssertNoneLeftAsync(sockets);
    }

    /// <summary>Reads one HTTP/1.1 response with a Content-Length, and nothing after it.</summary>
    private static class HttpResponse
    {
        public static async Task<byte[]> ReadBodyAsync(Socket socket, System.Threading.CancellationToken ct)
        {
            var received = new MemoryStream();
            var buffer = new byte[4096];
            int headEnd = -1;
            int length = -1;
            while (headEnd < 0 || received.Length < headEnd + length)
            {
                int n = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, ct);
                if (n == 0)
                {
                    throw new IOException($"the connection ended after {received.Length} bytes of a response");
                }

                received.Write(buffer, 0, n);
                if (headEnd < 0)
                {
                    string text = Encoding.ASCII.GetString(received.GetBuffer(), 0, (int)received.Length);
                    int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    if (end >= 0)
                    {
                        headEnd = end + 4;
                        string header = text[..end].Split("\r\n").Single(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                        length = int.Parse(header["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
            }

            Assert.Equal(headEnd + length, received.Length); // no pipelining: nothing follows the body
            return received.ToArray()[headEnd..];
        }
    }
}
