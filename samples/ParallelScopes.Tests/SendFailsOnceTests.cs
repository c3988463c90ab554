namespace Socktest.Samples.ParallelScopes.Tests;

/// <summary>The first request's send fails with EPIPE (the peer went away); the retry sends on a new connection.</summary>
public class SendFailsOnceTests(ApiServer api) : ApiTest(api)
{
    [Fact]
    public async Task TheRetrySendsOnANewConnection()
    {
        MapTheApi();
        Switch.Set(FilterType.Send, Faults.First(1, Errno.EPIPE));

        Assert.Equal(ApiServer.Forecast, await GetForecastAsync());

        var client = ClientStats();
        Assert.Equal((2UL, 0UL), (client.Opened, client.SendFailed));
    }
}
