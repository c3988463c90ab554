using System.Buffers.Binary;
using System.IO;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace DocRecipes.Support;

/// <summary>
/// The servers the recipes call, started once by the assembly fixture (docs/process-sockets.md's
/// <c>[assembly: AssemblyFixture(typeof(SharedServers))]</c> recipe), before any test and so by no scope or switch:
/// Kestrel on 127.0.0.1 over HTTP/1.1 (<see cref="HttpUrl"/> answers "hello", <see cref="BigUrl"/> 64 KiB), and over
/// HTTP/2 without TLS answering any POST as a gRPC server-streaming method would (<see cref="GrpcEndPoint"/>).
/// <see cref="Current"/> gives the instance to code that cannot take it in a constructor (the TUnit recipes).
/// </summary>
public sealed class SharedServers : IAsyncLifetime
{
    /// <summary>What <see cref="BigUrl"/> answers: 64 KiB, every byte its offset modulo 251.</summary>
    public static readonly byte[] BigBody = Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i % 251)).ToArray();

    /// <summary>Messages in each gRPC stream, of <see cref="GrpcMessageLength"/> bytes each.</summary>
    public const int GrpcMessages = 200;

    /// <summary>The payload of each gRPC message.</summary>
    public const int GrpcMessageLength = 1000;

    private static SharedServers? s_current;

    private WebApplication? _http;
    private WebApplication? _grpc;

    /// <summary>The fixture, once xunit has started it.</summary>
    public static SharedServers Current => s_current ?? throw new InvalidOperationException("The assembly fixture has not started.");

    /// <summary>The HTTP/1.1 server's root: "hello".</summary>
    public Uri HttpUrl { get; private set; } = null!;

    /// <summary>The HTTP/1.1 server's 64 KiB resource, <see cref="BigBody"/>.</summary>
    public Uri BigUrl => new(HttpUrl, "big");

    /// <summary>Where the HTTP/2 (gRPC) server listens.</summary>
    public IPEndPoint GrpcEndPoint { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        (_http, HttpUrl) = await StartAsync(ServeHttp, HttpProtocols.Http1);
        Uri grpc;
        (_grpc, grpc) = await StartAsync(ServeGrpcStream, HttpProtocols.Http2);
        GrpcEndPoint = new IPEndPoint(IPAddress.Loopback, grpc.Port);
        s_current = this;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { _http, _grpc })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
    }

    private static async Task<(WebApplication App, Uri Url)> StartAsync(RequestDelegate handler, HttpProtocols protocols)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = protocols));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return (app, new Uri(addresses.Addresses.Single() + "/"));
    }

    private static Task ServeHttp(HttpContext context)
    {
        byte[] body = context.Request.Path == "/big" ? BigBody : "hello"u8.ToArray();
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
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
