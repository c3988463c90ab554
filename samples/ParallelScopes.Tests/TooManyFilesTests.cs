namespace Socktest.Samples.ParallelScopes.Tests;

/// <summary>The first socket call fails with EMFILE (the process is out of descriptors); the retry opens one.</summary>
public class TooManyFilesTests(ApiServer api) : ApiTest(api)
{
    [Fact]
    public async Task TheRetryOpensASocket()
    {
        MapTheApi();
        Switch.Set(FilterType.Socket, Faults.First(1, Errno.EMFILE));

        Assert.Equal(ApiServer.Forecast, await GetForecastAsync());

        var client = ClientStats();
        Assert.Equal((1UL, 0UL), (client.Opened, client.OpenFailed));   // an injected failure is counted nowhere
    }
}
