using System;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Socktest.Samples.Weather;

/// <summary>Registers <see cref="WeatherClient"/> with its resilience policy.</summary>
public static class WeatherClientRegistration
{
    /// <summary>How many times a failed attempt is retried.</summary>
    public const int Retries = 3;

    /// <summary>How long one attempt may take before it is cancelled and retried. Not shorter: a process's first
    /// request (code still to compile, a busy two-core machine) took over a second now and then, and its attempt was
    /// then retried without any fault.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How long a call may take, all attempts and the waits between them included.</summary>
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Adds a typed <see cref="WeatherClient"/> for the API at <paramref name="baseAddress"/>, behind the
    /// standard resilience handler: a failed attempt (a connection error, a reset, a 5xx, 408 or 429, or an attempt
    /// slower than <see cref="AttemptTimeout"/>) is retried up to <see cref="Retries"/> times, 100 ms apart and
    /// doubling, with jitter. A bare <see cref="SocketException"/> counts as a connection error too: HttpClient (.NET
    /// 10) throws one, not wrapped in an <see cref="System.Net.Http.HttpRequestException"/>, when the server resets a new
    /// connection before the pool has read its remote endpoint (<c>Socket.RemoteEndPoint</c>: "Transport endpoint is not
    /// connected"), and the standard handler does not retry it. Socktest's explorer found it
    /// (samples/WeatherClient.Tests, <c>ExplorerTests</c>).</summary>
    /// <returns>The client's builder, to configure further (its primary handler, for one).</returns>
    public static IHttpClientBuilder AddWeatherClient(this IServiceCollection services, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(baseAddress);
        var builder = services.AddHttpClient<WeatherClient>(http => http.BaseAddress = baseAddress);
        builder.AddStandardResilienceHandler(options =>
        {
            options.Retry.MaxRetryAttempts = Retries;
            options.Retry.BackoffType = DelayBackoffType.Exponential;
            options.Retry.Delay = TimeSpan.FromMilliseconds(100);
            options.Retry.UseJitter = true;
            options.Retry.ShouldHandle = args => ValueTask.FromResult(
                HttpClientResiliencePredicates.IsTransient(args.Outcome) || args.Outcome.Exception is SocketException);
            options.AttemptTimeout.Timeout = AttemptTimeout;
            options.TotalRequestTimeout.Timeout = TotalTimeout;
        });
        return builder;
    }
}
