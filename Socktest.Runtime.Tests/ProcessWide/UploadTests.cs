using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Socktest.Scenarios;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>A request body upload from HttpClient to a real Kestrel server, broken on the client's send.</summary>
[Collection(ProcessWideCollection.Name)]
public class UploadTests
{
    private const int Chunk = 16 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>EPIPE is what the kernel says to a write on a connection whose peer has gone (the runtime sends with
    /// MSG_NOSIGNAL, so there is no SIGPIPE). Injected once the headers and 64 KiB of the body are out, on a send that
    /// starts a write of its own (see docs/process-sockets.md for one that follows a short write).</summary>
    [Fact]
    public async Task ABrokenPipeDuringTheRequestBodyIsTheErrorUsersSee()
    {
        const int BrokenAfter = 64 * 1024;
        byte[] upload = TcpSockets.Body(1024 * 1024);
        using var sockets = ProcessSockets.Install();
        var sent = new ConcurrentDictionary<int, long>();
        int injected = 0;
        await using (var server = await KestrelServer.StartAsync(DrainAsync))
        {
            sockets.Set(FilterType.Send, st =>
            {
                if (!KestrelTests.IsClient(st))
                {
                    return default;
                }

                if (sent.GetOrAdd(st.Descriptor, 0) >= BrokenAfter)
                {
                    Interlocked.Increment(ref injected);
                    return Errno.EPIPE;
                }

                return FilterResult.After(after =>
                {
                    sent.AddOrUpdate(after.Descriptor, after.Transferred, (_, sum) => sum + after.Transferred);
                    return Errno.None;
                });
            });

            using (var http = new HttpClient())
            {
                var error = await Assert.ThrowsAsync<HttpRequestException>(
                    () => http.PostAsync(server.Url, new ChunkedUpload(upload, Chunk), TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken));

                // Measured on .NET 10: the content copy's error, with the NetworkStream's write error inside.
                Assert.Equal("Error while copying content to a stream.", error.Message);
                Assert.Equal(HttpRequestError.Unknown, error.HttpRequestError);
                var write = Assert.IsType<IOException>(error.InnerException);
                var broken = Assert.IsType<SocketException>(write.InnerException);
                Assert.Equal(SocketError.Shutdown, broken.SocketErrorCode); // .NET's name for EPIPE
                Assert.Equal(Errno.EPIPE.Value, broken.NativeErrorCode);
            }

            sockets.Set(FilterType.Send, null);
        }

        Assert.Equal(1, injected); // the connection was given up at once, not written to again
        var stat = StreamStats.OfInternet(sockets);
        Assert.Equal(0UL, stat.SendFailed); // injected: counted nowhere
        Assert.InRange(Assert.Single(sent).Value, BrokenAfter, BrokenAfter + Chunk); // the headers and 64 KiB of the body
        await TcpSockets.AssertNoneLeftAsync(sockets);
    }

    private static async Task DrainAsync(HttpContext context)
    {
        try
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
        }
        catch (IOException)
        {
            // The upload broke off on the client's side: Kestrel reports the incomplete body here.
        }
    }

    /// <summary>A body written in chunks, each its own write to the connection (as a streamed upload is), so that each
    /// reaches the socket as a send of its own.</summary>
    private sealed class ChunkedUpload(byte[] body, int chunk) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (int offset = 0; offset < body.Length; offset += chunk)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(chunk, body.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
