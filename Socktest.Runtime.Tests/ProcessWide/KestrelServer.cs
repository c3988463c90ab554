using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Socktest.Scenarios;

namespace Socktest.Tests.ProcessWide;

/// <summary>A real Kestrel server on 127.0.0.1 and a port the kernel picks, with nothing but Kestrel and one handler.</summary>
internal sealed class KestrelServer : IBodyServer
{
    private readonly WebApplication _app;

    private KestrelServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    string IBodyServer.Url => Url.ToString();

    /// <summary>Starts a server that answers every request with <paramref name="body"/>: a
    /// <see cref="BodyServerFactory"/> for the data-path scenarios.</summary>
    public static async Task<IBodyServer> Start(byte[] body) => await StartAsync(Serving(body));

    /// <summary>Builds the server; <see cref="StartAsync"/> binds, listens and learns the port. <paramref name="listen"/>
    /// configures the one endpoint further (HTTPS, for one).</summary>
    public static WebApplication Build(RequestDelegate handler, Action<ListenOptions>? listen = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0, endpoint => listen?.Invoke(endpoint)));
        var app = builder.Build();
        app.Run(handler);
        return app;
    }

    public static async Task<KestrelServer> StartAsync(RequestDelegate handler, Action<ListenOptions>? listen = null)
    {
        var app = Build(handler, listen);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return new KestrelServer(app, new Uri(addresses.Addresses.Single()));
    }

    /// <summary>A handler that answers every request with <paramref name="body"/> and its length.</summary>
    public static RequestDelegate Serving(byte[] body) => context =>
    {
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
