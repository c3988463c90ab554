using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Socktest.Samples.Weather;

/// <summary>The weather API's client: one call, <c>GET forecast/{city}</c>. Its resilience (retries, timeouts) lives
/// in the <see cref="HttpClient"/>'s handlers (<see cref="WeatherClientRegistration"/>), not here.</summary>
/// <param name="http">A client whose <see cref="HttpClient.BaseAddress"/> is the API's root.</param>
public sealed class WeatherClient(HttpClient http)
{
    /// <summary>The forecast for <paramref name="city"/>.</summary>
    /// <exception cref="HttpRequestException">The API could not be reached, or answered with an error, after every
    /// retry the policy allows.</exception>
    /// <exception cref="Polly.Timeout.TimeoutRejectedException">The policy's total timeout ran out.</exception>
    public async Task<Forecast> GetForecastAsync(string city, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(city);
        var forecast = await http.GetFromJsonAsync("forecast/" + Uri.EscapeDataString(city), ForecastJson.Default.Forecast, cancellationToken);
        return forecast ?? throw new HttpRequestException($"The weather API answered null for {city}.");
    }
}
