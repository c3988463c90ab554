namespace Socktest.Samples.ParallelScopes.Tests;

/// <summary>The name is unknown for good: every attempt's lookup fails, and the caller gets the name-resolution error
/// after the handler's three retries. HttpClient opens each attempt's socket before it looks the name up (a dual-mode
/// socket, then a connect to the name), so four sockets were opened and closed, none connected.</summary>
public class NameNotFoundTests(ApiServer api) : ApiTest(api)
{
    [Fact]
    public async Task TheCallerGetsTheResolutionError()
    {
        Switch.SetHostFilter(HostFilters.When(HostMatch.Name(ApiClient.Host), HostFilters.Fail(HostError.HostNotFound)));

        var error = await Assert.ThrowsAsync<HttpRequestException>(GetForecastAsync);

        Assert.Equal(HttpRequestError.NameResolutionError, error.HttpRequestError);
        Assert.Equal(SocketError.HostNotFound, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
        Assert.Equal(4, Switch.HostLookups().Count);
        var client = ClientStats();
        Assert.Equal((4UL, 0UL, 4UL), (client.Opened, client.Connected, client.Closed));
    }
}
