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

/// <summary>The first connection is reset after 20 bytes of the response, inside its headers: HttpClient reports it as an
/// error while sending the request, which the resilience handler retries on a new connection.</summary>
public class ResetInHeadersTests(ApiServer api) : SocketScopeTest
{
    [Fact]
    public async Task TheRetryGetsTheWholeResponse()
    {
        Switch.SetHostFilter(HostFilters.Map(ApiClient.Host, IPAddress.Loopback));
        var reset = Faults.When(SocketMatch.NthSocket(1), Faults.ResetAfter(20));
        Switch.Set(FilterType.Recv, reset);

        Assert.Equal(ApiServer.Forecast, await GetForecastAsync());

        var client = Assert.Single(Switch.Stats(SocketMatch.Type(SOCK_STREAM)));
        Assert.Equal(2UL, client.Opened);
        Assert.Contains("1 socket", Faults.Describe(reset), StringComparison.Ordinal);
    }

    private async Task<string> GetForecastAsync()
    {
        await using var client = new ApiClient(api.Port);
        return await client.GetForecastAsync(TestContext.Current.CancellationToken);
    }
}
