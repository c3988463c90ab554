using System.Diagnostics;

namespace Socktest.Samples.ParallelScopes.Tests;

/// <summary>Every connect waits 300 ms before it reaches the kernel: well inside the handler's attempt timeout.</summary>
public class SlowConnectTests(ApiServer api) : ApiTest(api)
{
    [Fact]
    public async Task TheRequestWaitsForTheConnect()
    {
        MapTheApi();
        Switch.Set(FilterType.Connect, Faults.Delay(TimeSpan.FromMilliseconds(300)));
        var clock = Stopwatch.StartNew();

        Assert.Equal(ApiServer.Forecast, await GetForecastAsync());

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"took {clock.Elapsed}");
        var client = ClientStats();
        Assert.Equal(1UL, client.Opened);
    }
}
