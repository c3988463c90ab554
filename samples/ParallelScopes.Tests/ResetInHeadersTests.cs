namespace Socktest.Samples.ParallelScopes.Tests;

/// <summary>The first connection is reset after 20 bytes of the response, inside its headers: HttpClient reports it as an
/// error while sending the request, which the resilience handler retries on a new connection.</summary>
public class ResetInHeadersTests(ApiServer api) : ApiTest(api)
{
    [Fact]
    public async Task TheRetryGetsTheWholeResponse()
    {
        MapTheApi();
        var reset = Faults.When(SocketMatch.NthSocket(1), Faults.ResetAfter(20));
        Switch.Set(FilterType.Recv, reset);

        Assert.Equal(ApiServer.Forecast, await GetForecastAsync());

        var client = ClientStats();
        Assert.Equal(2UL, client.Opened);
        Assert.Contains("1 socket", Faults.Describe(reset), StringComparison.Ordinal);
    }
}
