using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Xunit;
using Xunit;
using static Socktest.Interop.SocketConstants;

namespace Socktest.Samples.ParallelScopes.Tests;

/// <summary>Every connect waits 300 ms before it reaches the kernel: well inside the handler's attempt timeout.</summary>
public class SlowConnectTests(ApiServer api) : SocketScopeTest
{
    [Fact]
    public async Task TheRequestWaitsForTheConnect()
    {
        Switch.SetHostFilter(HostFilters.Map(ApiClient.Host, IPAddress.Loopback));
        Switch.Set(FilterType.Connect, Faults.Delay(TimeSpan.FromMilliseconds(300)));
        var clock = Stopwatch.StartNew();

        Assert.Equal(ApiServer.Forecast, await GetForecastAsync());

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"took {clock.Elapsed}");
        var client = Assert.Single(Switch.Stats(SocketMatch.Type(SOCK_STREAM)));
        Assert.Equal(1UL, client.Opened);
    }

    private async Task<string> GetForecastAsync()
    {
        await using var client = new ApiClient(api.Port);
        return await client.GetForecastAsync(TestContext.Current.CancellationToken);
    }
}
