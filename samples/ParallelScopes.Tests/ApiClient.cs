using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Polly;

namespace Socktest.Samples.ParallelScopes.Tests;

/// <summary>The client as production registers it: a named HttpClient with the standard resilience handler (retry,
/// timeouts, circuit breaker), calling the API by its production name, which only the test's host filter maps to
/// 127.0.0.1. Two changes for tests: retries wait 10 ms, not seconds; and the test owns the primary handler, so that
/// disposing it closes the pooled connections before the leak check (IHttpClientFactory keeps its handlers alive).</summary>
internal sealed class ApiClient : IAsyncDisposable
{
    /// <summary>The API's name: nothing resolves it but the test's host filter.</summary>
    public const string Host = "api.weather.test";

    private readonly SocketsHttpHandler _primary = new();
    private readonly ServiceProvider _services;
    private readonly HttpClient _http;

    public ApiClient(int port)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("api", http => http.BaseAddress = new Uri($"http://{Host}:{port}/"))
            .ConfigurePrimaryHttpMessageHandler(() => _primary)
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(10);
                resilience.Retry.BackoffType = DelayBackoffType.Constant;
                resilience.Retry.UseJitter = false;
            });
        _services = services.BuildServiceProvider();
        _http = _services.GetRequiredService<IHttpClientFactory>().CreateClient("api");
    }

    public Task<string> GetForecastAsync(CancellationToken cancellationToken)
        => _http.GetStringAsync(new Uri("forecast", UriKind.Relative), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _services.DisposeAsync();
        _primary.Dispose();
    }
}
