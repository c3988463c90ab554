using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Socktest.Samples.Weather.Tests;

/// <summary>The weather API's stand-in: a real Kestrel server on 127.0.0.1 that answers <c>GET forecast/{city}</c>.</summary>
internal sealed class WeatherApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private WeatherApi(WebApplication app) => _app = app;

    /// <summary>The API's root, with the port the kernel picked.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Requests the API has answered.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The forecast the API gives for <paramref name="city"/>.</summary>
    public static Forecast ForecastFor(string city) => new(city, -3, "Freezing");

    public static async Task<WeatherApi> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var api = new WeatherApi(builder.Build());
        api._app.Run(api.AnswerAsync);
        await api._app.StartAsync();
        var addresses = api._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        api.Url = new Uri(addresses.Addresses.Single() + "/");
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task AnswerAsync(HttpContext context)
    {
        const string Prefix = "/forecast/";
        string path = context.Request.Path.Value ?? "";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        Interlocked.Increment(ref _requests);
        return context.Response.WriteAsJsonAsync(ForecastFor(Uri.UnescapeDataString(path[Prefix.Length..])), ForecastJson.Default.Forecast);
    }
}
