using System;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Socktest.Samples.Weather.Tests;

/// <summary>The weather client registered as production registers it (<see cref="WeatherClientRegistration"/>), with
/// one change: the test owns the primary handler, so that disposing it closes the pooled connections before the leak
/// check (IHttpClientFactory keeps its active handler alive until it expires, service provider disposed or not).</summary>
internal sealed class ClientUnderTest : IAsyncDisposable
{
    private readonly SocketsHttpHandler _primary = new();
    private readonly ServiceProvider _services;

    public ClientUnderTest(Uri api)
    {
        var services = new ServiceCollection();
        services.AddWeatherClient(api).ConfigurePrimaryHttpMessageHandler(() => _primary);
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<WeatherClient>();
    }

    public WeatherClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _primary.Dispose();
    }
}
