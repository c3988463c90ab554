using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Socktest.Interop;
using Socktest.Scenarios;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>Microsoft.Extensions.Http.Resilience's standard handler, unmodified, against faults on the process-wide
/// switch and a real Kestrel server.</summary>
[Collection(ProcessWideCollection.Name)]
public class ResilienceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The first connection is reset after 20 bytes of the response (in the status line's headers); the
    /// retry dials a second connection, which the filter leaves alone.</summary>
    [Fact]
    public async Task TheStandardHandlersRetryTurnsAResetFirstAttemptIntoASuccess()
    {
        const int ResetAfter = 20;
        byte[] body = TcpSockets.Body(50_000);
        using var sockets = ProcessSockets.Install();
        var retried = new ConcurrentQueue<Exception?>();
        long received = 0;
        int resets = 0;
        await using (var server = await KestrelServer.StartAsync(KestrelServer.Serving(body)))
        {
            sockets.Set(FilterType.Recv, st =>
            {
                // Until the one reset, only the first connection exists: it gets 20 bytes, then ECONNRESET.
                if (!KestrelTests.IsClient(st) || Volatile.Read(ref resets) > 0)
                {
                    return default;
                }

                long done = Interlocked.Read(ref received);
                if (done >= ResetAfter)
                {
                    Interlocked.Increment(ref resets);
                    return Errno.ECONNRESET;
                }

                return FilterResult.Limit((int)(ResetAfter - done), after =>
                {
                    Interlocked.Add(ref received, after.Transferred);
                    return Errno.None;
                });
            });

            // The factory never disposes its active handler (it expires on a timer), so the test owns the primary handler
            // and closes its pooled connection at the end.
            using var primary = new SocketsHttpHandler();
            var services = new ServiceCollection();
            services.AddHttpClient("resilient").ConfigurePrimaryHttpMessageHandler(() => primary).AddStandardResilienceHandler(options =>
            {
                options.Retry.BackoffType = DelayBackoffType.Constant;
                options.Retry.Delay = TimeSpan.FromMilliseconds(10);
                options.Retry.UseJitter = false;
                options.Retry.OnRetry = args =>
                {
                    retried.Enqueue(args.Outcome.Exception);
                    return default;
                };
            });
            await using (var provider = services.BuildServiceProvider())
            {
                var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("resilient");

                byte[] response = await http.GetByteArrayAsync(server.Url, TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);

                Assert.Equal(body, response);
            }

            primary.Dispose();

            sockets.Set(FilterType.Recv, null);
        }

        Assert.Equal(1, resets);
        var first = Assert.Single(retried);
        // Measured: what the retry saw from the first attempt, a reset in the middle of the response headers.
        var sending = Assert.IsType<HttpRequestException>(first);
        Assert.Equal(HttpRequestError.Unknown, sending.HttpRequestError);
        var read = Assert.IsType<IOException>(sending.InnerException);
        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(read.InnerException).SocketErrorCode);

        // Two connections: HttpClient's (dual-mode inet6) opened and connected twice, Kestrel's (inet4) accepted twice.
        var client = StreamStats.Of(sockets, SocketConstants.AF_INET6);
        Assert.Equal((2UL, 2UL), (client.Opened, client.Connected));
        Assert.Equal(2UL, StreamStats.Of(sockets, SocketConstants.AF_INET).Accepted);
        await TcpSockets.AssertNoneLeftAsync(sockets);
    }
}
