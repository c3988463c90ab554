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

/// <summary>Every connect is refused: four attempts (the first and three retries), each on a socket of its own, all
/// closed, and the caller gets the refusal.</summary>
public class RefusedAlwaysTests(ApiServer api) : SocketScopeTest
{
    [Fact]
    public async Task TheCallerGetsTheRefusal()
    {
        Switch.SetHostFilter(HostFilters.Map(ApiClient.Host, IPAddress.Loopback));
        Switch.Set(FilterType.Connect, Faults.Fail(Errno.ECONNREFUSED));

        var error = await Assert.ThrowsAsync<HttpRequestException>(GetForecastAsync);

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
        var client = Assert.Single(Switch.Stats(SocketMatch.Type(SOCK_STREAM)));
        Assert.Equal((4UL, 0UL, 4UL), (client.Opened, client.Connected, client.Closed));
    }

    private async Task<string> GetForecastAsync()
    {
        await using var client = new ApiClient(api.Port);
        return await client.GetForecastAsync(TestContext.Current.CancellationToken);
    }
}
