namespace Socktest.Samples.ParallelScopes.Tests;

/// <summary>The first connection is reset on its first read; the retry's connection (the scope's second socket, whatever
/// its descriptor number) is left alone.</summary>
public class FirstConnectionResetTests(ApiServer api) : ApiTest(api)
{
    [Fact]
    public async Task OnlyTheFirstConnectionIsReset()
    {
        MapTheApi();
        Switch.Set(FilterType.Recv, Faults.When(SocketMatch.NthSocket(1), Faults.Fail(Errno.ECONNRESET)));

        Assert.Equal(ApiServer.Forecast, await GetForecastAsync());

        var client = ClientStats();
        Assert.Equal(2UL, client.Opened);
    }
}
