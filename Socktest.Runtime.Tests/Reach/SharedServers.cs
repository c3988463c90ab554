using System;
using System.Buffers.Binary;
using System.IO;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using HttpProtocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols;
using Socktest.Scenarios;
using Socktest.Tests.ProcessWide;
using Xunit;

[assembly: AssemblyFixture(typeof(Socktest.Tests.Reach.SharedServers))]

namespace Socktest.Tests.Reach;

/// <summary>
/// The usual layout of a suite with a server: Kestrel started once, before any test, by an assembly fixture (so by no
/// scope), serving every test. One endpoint speaks HTTP/1.1 and answers with <see cref="Body"/>; the other speaks
/// HTTP/2 without TLS and answers any POST as a gRPC server-streaming method would, with
/// <see cref="GrpcMessages"/> messages of <see cref="GrpcMessageLength"/> bytes.
/// </summary>
public sealed class SharedServers : IAsyncLifetime
{
    /// <summary>The HTTP/1.1 body.</summary>
    public static readonly byte[] Body = TcpSockets.Body(64 * 1024);

    /// <summary>Messages in each gRPC stream.</summary>
    public const int GrpcMessages = 200;

    /// <summary>The payload of each gRPC message.</summary>
    public const int GrpcMessageLength = 1000;

    private KestrelServer? _http;
    private KestrelServer? _grpc;

    /// <summary>The HTTP/1.1 server.</summary>
    public Uri HttpUrl => _http!.Url;

    /// <summary>The HTTP/2 (gRPC) server.</summary>
    public Uri GrpcUrl => _grpc!.Url;

    /// <summary>Where the gRPC server listens.</summary>
    public IPEndPoint GrpcEndPoint => new(IPAddress.Loopback, GrpcUrl.Port);

    public async ValueTask InitializeAsync()
    {
        _http = await KestrelServer.StartAsync(KestrelServer.Serving(Body));
        _grpc = await KestrelServer.StartAsync(ServeGrpcStream, listen => listen.Protocols = HttpProtocols.Http2);
    }

    public async ValueTask DisposeAsync()
    {
        if (_http is not null)
        {
            await _http.DisposeAsync();
        }

        if (_grpc is not null)
        {
            await _grpc.DisposeAsync();
        }
    }

    /// <summary>A server-streaming gRPC method, by hand: length-prefixed messages, then <c>grpc-status: 0</c>.</summary>
    private static async Task ServeGrpcStream(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null);
        context.Response.ContentType = "application/grpc";
        context.Response.AppendTrailer("grpc-status", "0");
        var frame = new byte[5 + GrpcMessageLength];
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), GrpcMessageLength);
        for (int i = 0; i < GrpcMessages; i++)
        {
            frame[5] = (byte)i;
            await context.Response.Body.WriteAsync(frame);
            await context.Response.Body.FlushAsync();
        }
    }
}
