namespace Socktest.Samples.ParallelScopes.Tests;

/// <summary>Every connect is refused: four attempts (the first and three retries), each on a socket of its own, all
/// closed, and the caller gets the refusal.</summary>
public class RefusedAlwaysTests(ApiServer api) : ApiTest(api)
{
    [Fact]
    public async Task TheCallerGetsTheRefusal()
    {
        MapTheApi();
        Switch.Set(FilterType.Connect, Faults.Fail(Errno.ECONNREFUSED));

        var error = await Assert.ThrowsAsync<HttpRequestException>(GetForecastAsync);

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
        var client = ClientStats();
        Assert.Equal((4UL, 0UL, 4UL), (client.Opened, client.Connected, client.Closed));
    }
}
