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

/// <summary>The first connection is reset on its first read; the retry's connection (the scope's second socket, whatever
/// its descriptor number) is left alone.</summary>
public class FirstConnectionResetTests(ApiServer api) : SocketScopeTest
{
    [Fact]
    public async Task OnlyTheFirstConnectionIsReset()
    {
        Switch.SetHostFilter(HostFilters.Map(ApiClient.Host, IPAddress.Loopback));
        Switch.Set(FilterType.Recv, Faults.When(SocketMatch.NthSocket(1), Faults.Fail(Errno.ECONNRESET)));

        Assert.Equal(ApiServer.Forecast, await GetForecastAsync());

        var client = Assert.Single(Switch.Stats(SocketMatch.Type(SOCK_STREAM)));
        Assert.Equal(2UL, client.Opened);
    }

    private async Task<string> GetForecastAsync()
    {
        await using var client = new ApiClient(api.Port);
        return await client.GetForecastAsync(TestContext.Current.CancellationToken);
    }
}
