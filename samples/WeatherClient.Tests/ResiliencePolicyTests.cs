using System;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Interop;
using Xunit;

namespace Socktest.Samples.Weather.Tests;

/// <summary>The weather client's policy against the faults a network gives it, injected under HttpClient with the
/// process-wide switch, on a real Kestrel server: what is retried, what the caller finally sees, and that no socket is
/// left open.</summary>
public class ResiliencePolicyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>HttpClient's sockets (see <see cref="Connections.OpenedByClient"/>).</summary>
    private static bool IsClient(Status status) => status.Cookie.Family == SocketConstants.AF_INET6;

    [Fact]
    public async Task AConnectionResetInTheMiddleOfTheFirstResponseIsRetried()
    {
        using var sockets = ProcessSockets.Install();
        await using var api = await WeatherApi.StartAsync();
        int received = 0;
        int resets = 0;
        sockets.Set(FilterType.Recv, status =>
        {
            // Until the one reset, only the first connection exists: it reads 20 bytes of the answer, then is reset.
            if (!IsClient(status) || Volatile.Read(ref resets) > 0)
            {
                return default;
            }

            if (Volatile.Read(ref received) >= 20)
            {
                Interlocked.Increment(ref resets);
                return Errno.ECONNRESET;
            }

            return FilterResult.Limit(20 - Volatile.Read(ref received), after =>
            {
                Interlocked.Add(ref received, after.Transferred);
                return Errno.None;
            });
        });

        await using (var weather = new ClientUnderTest(api.Url))
        {
            Assert.Equal(WeatherApi.ForecastFor("Oslo"), await weather.Client.GetForecastAsync("Oslo", TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken));
        }

        sockets.Set(FilterType.Recv, null);
        Assert.Equal(1, resets);
        Assert.Equal(2UL, Connections.OpenedByClient(sockets)); // the reset one, and the retry's
        Assert.Equal(2UL, Connections.AcceptedByApi(sockets));
        await api.DisposeAsync();
        await Connections.AssertNoneLeftAsync(sockets);
    }

    [Fact]
    public async Task AFirstResponseSlowerThanTheAttemptTimeoutIsCutAndRetried()
    {
        using var sockets = ProcessSockets.Install();
        await using var api = await WeatherApi.StartAsync();
        int delayed = 0;
        sockets.Set(FilterType.Recv, status =>
        {
            if (IsClient(status) && Interlocked.Exchange(ref delayed, 1) == 0)
            {
                Thread.Sleep(WeatherClientRegistration.AttemptTimeout * 2); // the first read of the first answer is late
            }

            return default;
        });

        await using (var weather = new ClientUnderTest(api.Url))
        {
            Assert.Equal(WeatherApi.ForecastFor("Oslo"), await weather.Client.GetForecastAsync("Oslo", TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken));
        }

        sockets.Set(FilterType.Recv, null);
        Assert.Equal(2UL, Connections.OpenedByClient(sockets)); // the timed-out attempt's, and the retry's
        Assert.Equal(2, api.Requests); // the server answered both; the first answer came too late
        await api.DisposeAsync();
        await Connections.AssertNoneLeftAsync(sockets);
    }

    [Fact]
    public async Task EveryReadCutToOneByteStillGivesTheForecast()
    {
        using var sockets = ProcessSockets.Install();
        await using var api = await WeatherApi.StartAsync();
        sockets.Set(FilterType.Recv, _ => FilterResult.Limit(1)); // the client's reads and Kestrel's

        await using (var weather = new ClientUnderTest(api.Url))
        {
            Assert.Equal(WeatherApi.ForecastFor("São Paulo"), await weather.Client.GetForecastAsync("São Paulo", TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken));
        }

        sockets.Set(FilterType.Recv, null);
        Assert.Equal(1UL, Connections.OpenedByClient(sockets)); // short reads are not failures: nothing was retried
        await api.DisposeAsync();
        await Connections.AssertNoneLeftAsync(sockets);
    }

    [Fact]
    public async Task RefusedConnectionsAreRetriedThenReportedAsTheRefusal()
    {
        // The README prints this test; samples/DocRecipes.Tests checks that the two are the same text. (The client's
        // resilience handler gives up after 15 s in all, so the call needs no token of the test's to end.)
#pragma warning disable xUnit1051 // the README's call takes no token
        // begin-doc: readme/weather-sample
        using var sockets = ProcessSockets.Install();
        await using var api = await WeatherApi.StartAsync();                         // Kestrel on 127.0.0.1
        using (sockets.Use(FilterType.Connect, Faults.When(IsClient, Faults.Fail(Errno.ECONNREFUSED))))
        await using (var weather = new ClientUnderTest(api.Url))                      // services.AddWeatherClient(url)
        {
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => weather.Client.GetForecastAsync("Oslo"));
            Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
            Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
        }
        Assert.Equal(1UL + WeatherClientRegistration.Retries, Connections.OpenedByClient(sockets)); // every attempt dialled
        await api.DisposeAsync();                                                     // Kestrel's listener is the switch's too
        await Connections.AssertNoneLeftAsync(sockets);                               // AssertNoLeaks, probes excused
        // end-doc
#pragma warning restore xUnit1051

        Assert.Equal(0, api.Requests);
    }
}
