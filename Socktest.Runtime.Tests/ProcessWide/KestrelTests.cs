using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net.Http;
using Microsoft.AspNetCore.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Interop;
using Socktest.Scenarios;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>HttpClient against a real Kestrel server on loopback, with faults on the data path of the process-wide
/// switch: a reset in the middle of a body, reads cut to one byte, a read delayed past the client's timeout, and a
/// bind refused. Each ends with no TCP socket left open.</summary>
[Collection(ProcessWideCollection.Name)]
public class KestrelTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>HttpClient dials from dual-mode IPv6 sockets; Kestrel listens on 127.0.0.1, so its sockets are IPv4.</summary>
    internal static bool IsClient(Status status) => status.Cookie.Family == SocketConstants.AF_INET6;

    [Fact]
    public async Task AResetAfterSomeBytesOfTheBodyIsAConnectionResetInsideTheReadError()
    {
        const int ResetAfter = 10_000;
        byte[] body = TcpSockets.Body(100_000);
        using var sockets = ProcessSockets.Install();
        await using (var server = await KestrelServer.StartAsync(KestrelServer.Serving(body)))
        {
            var moved = new ConcurrentDictionary<int, long>();
            sockets.Set(FilterType.Recv, st =>
            {
                if (!IsClient(st))
                {
                    return default;
                }

                long done = moved.GetOrAdd(st.Descriptor, 0);
                return done >= ResetAfter
                    ? Errno.ECONNRESET
                    : FilterResult.Limit((int)(ResetAfter - done), after =>
                    {
                        moved.AddOrUpdate(after.Descriptor, after.Transferred, (_, sum) => sum + after.Transferred);
                        return Errno.None;
                    });
            });

            using (var http = new HttpClient())
            {
                using var response = await http.GetAsync(server.Url, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);
                await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
                var sink = new MemoryStream();

                // The content stream hands on the NetworkStream's IOException as it is (a read of the headers would
                // wrap it in an HttpRequestException).
                var error = await Assert.ThrowsAsync<IOException>(() => stream.CopyToAsync(sink, TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken));

                var reset = Assert.IsType<SocketException>(error.InnerException);
                Assert.Equal(SocketError.ConnectionReset, reset.SocketErrorCode);
                Assert.InRange(sink.Length, 1, ResetAfter - 1); // part of the body arrived (the headers took the rest)
                Assert.Equal(body[..(int)sink.Length], sink.ToArray());
                Assert.Equal(ResetAfter, Assert.Single(moved).Value);
            }

            sockets.Set(FilterType.Recv, null);
        }

        await TcpSockets.AssertNoneLeftAsync(sockets);
    }

    [Fact]
    public async Task EveryRecvLimitedToOneByteGivesAByteIdenticalResponse()
    {
        byte[] body = TcpSockets.Body(20_000);
        using var sockets = ProcessSockets.Install();
        long clientReads = 0;
        await using (var server = await KestrelServer.StartAsync(KestrelServer.Serving(body)))
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
                byte[] received = await http.GetByteArrayAsync(server.Url, TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);

                Assert.Equal(body, received);
            }

            sockets.Set(FilterType.Recv, null);
        }

        Assert.True(Interlocked.Read(ref clientReads) > body.Length, $"{clientReads} client reads of at most one byte");
        var stat = StreamStats.OfInternet(sockets);
        Assert.True(stat.BytesReceived > (ulong)body.Length, stat.BytesReceived + " bytes received"); // the body, the request, the headers
        Assert.True(stat.RecvFailed > 0, "the runtime's non-blocking reads met EAGAIN, and each counts as RecvFailed");
        await TcpSockets.AssertNoneLeftAsync(sockets);
    }

    [Fact]
    public async Task ARecvDelayedPastTheTimeoutIsATimeout()
    {
        using var sockets = ProcessSockets.Install();
        var delayed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int first = 0;
        await using (var server = await KestrelServer.StartAsync(context => context.Response.WriteAsync("ok")))
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
                var error = await Assert.ThrowsAsync<TaskCanceledException>(() => http.GetStringAsync(server.Url, TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken));

                Assert.IsType<TimeoutException>(error.InnerException);
            }

            await delayed.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
            sockets.Set(FilterType.Recv, null);
        }

        await TcpSockets.AssertNoneLeftAsync(sockets);
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
}
