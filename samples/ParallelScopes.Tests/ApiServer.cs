using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Socktest.Samples.ParallelScopes.Tests;

/// <summary>The API the client calls: one Kestrel server on 127.0.0.1, started once for the run (an assembly fixture),
/// before any test's scope, so its listener and the connections it accepts belong to no scope. The faults are
/// therefore put on the client's side, whose sockets each test's scope owns.</summary>
public sealed class ApiServer : IAsyncLifetime
{
    /// <summary>What <c>GET /forecast</c> returns: about 4 KB, so a read cut to one byte takes thousands of reads.</summary>
    public static readonly string Forecast = "[" + string.Join(",", Enumerable.Range(0, 100).Select(day => $"{{\"day\":{day},\"celsius\":{day % 30}}}")) + "]";

    private WebApplication? _app;

    /// <summary>The port Kestrel listens on.</summary>
    public int Port { get; private set; }

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapGet("/forecast", () => Results.Text(Forecast, "application/json", Encoding.UTF8));
        await _app.StartAsync();
        Port = new Uri(_app.Urls.Single()).Port;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
