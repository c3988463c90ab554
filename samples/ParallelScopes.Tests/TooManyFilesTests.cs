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

/// <summary>The first socket call fails with EMFILE (the process is out of descriptors); the retry opens one.</summary>
public class TooManyFilesTests(ApiServer api) : SocketScopeTest
{
    [Fact]
    public async Task TheRetryOpensASocket()
    {
        Switch.SetHostFilter(HostFilters.Map(ApiClient.Host, IPAddress.Loopback));
        Switch.Set(FilterType.Socket, Faults.First(1, Errno.EMFILE));

        Assert.Equal(ApiServer.Forecast, await GetForecastAsync());

        var client = Assert.Single(Switch.Stats(SocketMatch.Type(SOCK_STREAM)));
        Assert.Equal((1UL, 0UL), (client.Opened, client.OpenFailed));   // an injected failure is counted nowhere
    }

    private async Task<string> GetForecastAsync()
    {
        await using var client = new ApiClient(api.Port);
        return await client.GetForecastAsync(TestContext.Current.CancellationToken);
    }
}
