namespace Socktest.Samples.ParallelScopes.Tests;

/// <summary>The name server fails the first lookup (EAI_AGAIN); the retry's lookup is answered.</summary>
public class LookupFailsOnceTests(ApiServer api) : ApiTest(api)
{
    [Fact]
    public async Task TheRetryLooksTheNameUpAgain()
    {
        Switch.SetHostFilter(HostFilters.When(
            HostMatch.Name(ApiClient.Host),
            HostFilters.Sequence(HostFilters.Fail(HostError.TryAgain), HostFilters.Answer(IPAddress.Loopback))));

        Assert.Equal(ApiServer.Forecast, await GetForecastAsync());

        var lookups = Switch.HostLookups();
        Assert.Equal(2, lookups.Count);
        Assert.Equal(HostError.TryAgain, lookups[0].Error);
        Assert.Equal([IPAddress.Loopback], lookups[1].Addresses);
        var client = ClientStats();
        Assert.Equal((2UL, 1UL), (client.Opened, client.Connected));   // HttpClient opens the socket before the lookup
    }
}
