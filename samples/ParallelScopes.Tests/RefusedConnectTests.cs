namespace Socktest.Samples.ParallelScopes.Tests;

/// <summary>The first connect is refused; the resilience handler's retry dials again and gets the forecast.</summary>
public class RefusedConnectTests(ApiServer api) : ApiTest(api)
{
    [Fact]
    public async Task TheRetryDialsAgain()
    {
        MapTheApi();
        Switch.Set(FilterType.Connect, Faults.First(1, Errno.ECONNREFUSED));

        Assert.Equal(ApiServer.Forecast, await GetForecastAsync());

        var client = ClientStats();
        Assert.Equal((2UL, 1UL, 2UL), (client.Opened, client.Connected, client.Closed));   // the refused socket, then the retry's
    }
}
