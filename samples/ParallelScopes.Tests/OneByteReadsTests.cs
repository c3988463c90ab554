namespace Socktest.Samples.ParallelScopes.Tests;

/// <summary>Every read of the client's socket is cut to one byte: the response must still parse, byte for byte.</summary>
public class OneByteReadsTests(ApiServer api) : ApiTest(api)
{
    [Fact]
    public async Task TheResponseIsWhole()
    {
        MapTheApi();
        Switch.Set(FilterType.Recv, Faults.Slice(1));

        Assert.Equal(ApiServer.Forecast, await GetForecastAsync());

        var client = ClientStats();
        Assert.Equal(1UL, client.Opened);
        Assert.True(client.BytesReceived > (ulong)ApiServer.Forecast.Length);
    }
}
