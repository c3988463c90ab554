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

/// <summary>The first connect is refused; the resilience handler's retry dials again and gets the forecast.</summary>
public class RefusedConnectTests(ApiServer api) : SocketScopeTest
{
    [Fact]
    public async Task TheRetryDialsAgain()
    {
        Switch.SetHostFilter(HostFilters.Map(ApiClient.Host, IPAddress.Loopback));
        Switch.Set(FilterType.Connect, Faults.First(1, Errno.ECONNREFUSED));

        Assert.Equal(ApiServer.Forecast, await GetForecastAsync());

        var client = Assert.Single(Switch.Stats(SocketMatch.Type(SOCK_STREAM)));
        Assert.Equal((2UL, 1UL, 2UL), (client.Opened, client.Connected, client.Closed));   // the refused socket, then the retry's
    }

    private async Task<string> GetForecastAsync()
    {
        await using var client = new ApiClient(api.Port);
        return await client.GetForecastAsync(TestContext.Current.CancellationToken);
    }
}
