using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Interop;

namespace Socktest.Scenarios;

/// <summary>HttpClient's data path through the process-wide switch, against a server on loopback that the caller
/// starts (<see cref="OneShotHttpServer.Start"/> everywhere, Kestrel in the JIT tests): a reset in the middle of a body,
/// every read cut to one byte, a read delayed past the client's timeout. Each ends with no TCP socket open.</summary>
public static class DataPathScenarios
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>HttpClient dials from dual-mode IPv6 sockets; the servers listen on 127.0.0.1, so theirs are IPv4.</summary>
    private static bool IsClient(Status status) => status.Cookie.Family == SocketConstants.AF_INET6;

    public static async Task ResetAfterSomeBytesOfTheBodyIsAConnectionResetInsideTheReadError(BodyServerFactory serve, int resetAfter, int bodyLength)
    {
        byte[] body = TcpSockets.Body(bodyLength);
        using var sockets = ProcessSockets.Install();
        await using (var server = await serve(body))
        {
            sockets.Set(FilterType.Recv, Faults.When(IsClient, Faults.ResetAfter(resetAfter)));

            using (var http = new HttpClient())
            {
                using var response = await http.GetAsync(server.Url, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Patience);
                await using var stream = await response.Content.ReadAsStreamAsync();
                var sink = new MemoryStream();

                var error = await Check.ThrowsAsync<IOException>(() => stream.CopyToAsync(sink).WaitAsync(Patience), "reading the body");

                Check.That(error.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset }, "a ConnectionReset inside: " + error.InnerException);
                Check.That(sink.Length > 0 && sink.Length < resetAfter, $"part of the body arrived: {sink.Length} bytes");
                Check.That(body.AsSpan(0, (int)sink.Length).SequenceEqual(sink.ToArray()), "the part that arrived is the body's start");
                var client = StreamStats.Of(sockets, SocketConstants.AF_INET6);
                Check.Equal((1UL, (ulong)resetAfter), (client.Opened, client.BytesReceived), "(connections, bytes read) of the client: one connection, exactly the bytes let through");
            }

            sockets.Set(FilterType.Recv, null);
        }

        await TcpSockets.AssertNoneLeftAsync(sockets);
    }

    /// <returns>The TCP statistics at the end, for what a caller's server adds to check.</returns>
    public static async Task<Stat> EveryRecvLimitedToOneByteGivesAByteIdenticalResponse(BodyServerFactory serve, int bodyLength)
    {
        byte[] body = TcpSockets.Body(bodyLength);
        using var sockets = ProcessSockets.Install();
        long clientReads = 0;
        await using (var server = await serve(body))
        {
            sockets.Set(FilterType.Recv, st =>
            {
                if (IsClient(st))
                {
                    Interlocked.Increment(ref clientReads);
                }

                return FilterResult.Limit(1); // the server's reads too
            });

            using (var http = new HttpClient())
            {
                byte[] received = await http.GetByteArrayAsync(server.Url).WaitAsync(Patience);

                Check.That(body.AsSpan().SequenceEqual(received), $"byte-identical body ({received.Length} of {body.Length} bytes)");
            }

            sockets.Set(FilterType.Recv, null);
        }

        Check.That(Interlocked.Read(ref clientReads) > body.Length, $"{clientReads} client reads of at most one byte");
        var stat = StreamStats.OfInternet(sockets);
        StreamStats.CheckEachByteReceivedOnce(sockets);
        Check.That(stat.BytesReceived > (ulong)body.Length, stat.BytesReceived + " bytes received (the body, the request, the headers)");
        await TcpSockets.AssertNoneLeftAsync(sockets);
        return stat;
    }

    public static async Task ARecvDelayedPastTheTimeoutIsATimeout(BodyServerFactory serve)
    {
        using var sockets = ProcessSockets.Install();
        var delayed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int first = 0;
        await using (var server = await serve("ok"u8.ToArray()))
        {
            sockets.Set(FilterType.Recv, st =>
            {
                if (IsClient(st) && Interlocked.Exchange(ref first, 1) == 0)
                {
                    Thread.Sleep(TimeSpan.FromSeconds(2));
                    delayed.SetResult();
                }

                return default;
            });

            using (var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) })
            {
                var error = await Check.ThrowsAsync<TaskCanceledException>(() => http.GetStringAsync(server.Url).WaitAsync(Patience), "GetStringAsync");

                Check.That(error.InnerException is TimeoutException, "a TimeoutException inside: " + error.InnerException);
            }

            await delayed.Task.WaitAsync(Patience);
            sockets.Set(FilterType.Recv, null);
        }

        await TcpSockets.AssertNoneLeftAsync(sockets);
    }
}
