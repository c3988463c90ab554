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

/// <summary>Every read of the client's socket is cut to one byte: the response must still parse, byte for byte.</summary>
public class OneByteReadsTests(ApiServer api) : SocketScopeTest
{
    [Fact]
    public async Task TheResponseIsWhole()
    {
        Switch.SetHostFilter(HostFilters.Map(ApiClient.Host, IPAddress.Loopback));
        Switch.Set(FilterType.Recv, Faults.Slice(1));

        Assert.Equal(ApiServer.Forecast, await GetForecastAsync());

        var client = Assert.Single(Switch.Stats(SocketMatch.Type(SOCK_STREAM)));
        Assert.Equal(1UL, client.Opened);
        Assert.True(client.BytesReceived > (ulong)ApiServer.Forecast.Length);
    }

    private async Task<string> GetForecastAsync()
    {
        await using var client = new ApiClient(api.Port);
        return await client.GetForecastAsync(TestContext.Current.CancellationToken);
    }
}
