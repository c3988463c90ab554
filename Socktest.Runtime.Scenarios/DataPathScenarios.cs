using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Interop;

namespace Socktest.Scenarios;

/// <summary>HttpClient's data path through the process-wide switch, against a server of the runtime's own sockets on
/// loopback (no Kestrel, so that the NativeAOT binary runs them as they are): a reset in the middle of a body, every
/// read cut to one byte, a read delayed past the client's timeout. Each ends with no TCP socket open.</summary>
public static class DataPathScenarios
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>HttpClient dials from dual-mode IPv6 sockets; the server listens on 127.0.0.1, so its are IPv4.</summary>
    private static bool IsClient(Status status) => status.Cookie.Family == SocketConstants.AF_INET6;

    public static async Task ResetAfterSomeBytesOfTheBodyIsAConnectionResetInsideTheReadError(int resetAfter, int bodyLength)
    {
        byte[] body = Body(bodyLength);
        using var sockets = ProcessSockets.Install();
        using (var server = new OneShotHttpServer(body))
        {
            var moved = new ConcurrentDictionary<int, long>();
            sockets.Set(FilterType.Recv, st =>
            {
                if (!IsClient(st))
                {
                    return default;
                }

                long done = moved.GetOrAdd(st.Descriptor, 0);
                return done >= resetAfter
                    ? Errno.ECONNRESET
                    : FilterResult.Limit((int)(resetAfter - done), after =>
                    {
                        moved.AddOrUpdate(after.Descriptor, after.Transferred, (_, sum) => sum + after.Transferred);
                        return Errno.None;
                    });
            });

            using (var http = new HttpClient())
            {
                using var response = await http.GetAsync(server.Url, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Patience);
                await using var stream = await response.Content.ReadAsStreamAsync();
                var sink = new MemoryStream();

                var error = await Check.ThrowsAsync<IOException>(() => stream.CopyToAsync(sink).WaitAsync(Patience), "reading the body");

                Check.That(error.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset }, "a ConnectionReset inside: " + error.InnerException);
                Check.That(sink.Length > 0 && sink.Length < resetAfter, $"part of the body arrived: {sink.Length} bytes");
                Check.That(body.AsSpan(0, (int)sink.Length).SequenceEqual(sink.ToArray()), "the part that arrived is the body's start");
                Check.Equal(resetAfter, moved.Single().Value, "bytes the client's one connection read");
            }

            sockets.Set(FilterType.Recv, null);
        }

        await AssertNoTcpSocketLeft(sockets);
    }

    public static async Task EveryRecvLimitedToOneByteGivesAByteIdenticalResponse(int bodyLength)
    {
        byte[] body = Body(bodyLength);
        using var sockets = ProcessSockets.Install();
        long clientReads = 0;
        using (var server = new OneShotHttpServer(body))
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
        Check.That(stat.BytesReceived > (ulong)body.Length, stat.BytesReceived + " bytes received (the body, the request, the headers)");
        await AssertNoTcpSocketLeft(sockets);
    }

    public static async Task ARecvDelayedPastTheTimeoutIsATimeout()
    {
        using var sockets = ProcessSockets.Install();
        var delayed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int first = 0;
        using (var server = new OneShotHttpServer())
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

        await AssertNoTcpSocketLeft(sockets);
    }

    private static byte[] Body(int length)
    {
        var body = new byte[length];
        new Random(length).NextBytes(body);
        return body;
    }

    /// <summary>Closing is asynchronous in places (the connection pool): wait a little before calling a socket leaked.</summary>
    private static async Task AssertNoTcpSocketLeft(ISocketSwitch sockets)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (StreamStats.OpenInternetCount(sockets) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Check.Equal(0, StreamStats.OpenInternetCount(sockets), "TCP sockets left open");
        var stat = StreamStats.OfInternet(sockets);
        Check.Equal(stat.Opened + stat.Accepted, stat.Closed, "opened + accepted = closed");
    }
}
