using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Socktest.Scenarios;
using Socktest.Tests.Support;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>The data path under TLS: HttpClient and Kestrel both read through SslStream, so a cut read reaches the TLS
/// record layer, not the HTTP parser; a record split over hundreds of one-byte reads must still decrypt.</summary>
[Collection(ProcessWideCollection.Name)]
public class TlsDataPathTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Tls13Fact]
    public async Task EveryRecvLimitedToOneByteThroughTls13GivesAByteIdenticalResponse()
    {
        byte[] body = TcpSockets.Body(20_000);
        using var certificate = SelfSignedCertificate.ForLoopback();
        var negotiated = new ConcurrentQueue<SslProtocols>();
        RequestDelegate serve = KestrelServer.Serving(body);
        using var sockets = ProcessSockets.Install();
        long clientReads = 0;
        long serverReads = 0;
        await using (var server = await KestrelServer.StartAsync(
                         context =>
                         {
                             negotiated.Enqueue(context.Features.GetRequiredFeature<ITlsHandshakeFeature>().Protocol);
                             return serve(context);
                         },
                         endpoint => endpoint.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = certificate, SslProtocols = SslProtocols.Tls13 })))
        {
            Assert.Equal("https", server.Url.Scheme);
            sockets.Set(FilterType.Recv, st =>
            {
                Interlocked.Increment(ref KestrelTests.IsClient(st) ? ref clientReads : ref serverReads);
                return FilterResult.Limit(1); // both sides: the client hello, the certificate, every record
            });

            using (var handler = new SocketsHttpHandler())
            {
                handler.SslOptions.EnabledSslProtocols = SslProtocols.Tls13;
                handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => SelfSignedCertificate.IsPinned(certificate, presented);
                using var http = new HttpClient(handler);

                byte[] received = await http.GetByteArrayAsync(server.Url).WaitAsync(Patience);

                Assert.Equal(body, received);
            }

            sockets.Set(FilterType.Recv, null);
        }

        Assert.Equal(SslProtocols.Tls13, Assert.Single(negotiated));
        Assert.True(Interlocked.Read(ref clientReads) > body.Length, $"{clientReads} client reads of at most one byte");
        Assert.True(Interlocked.Read(ref serverReads) > 0, "the server's reads (the client hello, the request) were cut too");
        var stat = StreamStats.OfInternet(sockets);
        Assert.True(stat.BytesReceived > (ulong)body.Length, stat.BytesReceived + " bytes received"); // the body in records, the handshake, the request
        StreamStats.CheckEachByteReceivedOnce(sockets); // SslStream's zero-byte reads are peeks, which count nothing
        await TcpSockets.AssertNoneLeftAsync(sockets);
    }
}
