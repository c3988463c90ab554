using Xunit;

namespace DocRecipes.ProcessSocketsDoc;

/// <summary>docs/process-sockets.md's recipes on the installed switch: one at a time (the process-wide collection).</summary>
[Collection(ProcessWide.Name)]
public class InstallRecipes(SharedServers servers)
{
    [Fact]
    public async Task AnInjectedRefusalIsHttpClientsAndNoInet4SocketIsLeft()
    {
        string url = servers.HttpUrl.ToString();

        // begin-doc: process-sockets/install
        using var sockets = ProcessSockets.Install();                 // Dispose restores the original calls
        sockets.Set(FilterType.Connect, status => Errno.ECONNREFUSED);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => new HttpClient().GetStringAsync(url));
        Assert.Equal(SocketError.ConnectionRefused, ((SocketException)error.InnerException!).SocketErrorCode);

        Assert.DoesNotContain(sockets.Sockets(), s => s.Value.Cookie.Family == SocketConstants.AF_INET);
        // end-doc
    }

    [Fact]
    public async Task HostLookupsAreAnsweredFailedAndDelayed()
    {
        int port = servers.HttpUrl.Port;

        // begin-doc: process-sockets/host-lookups
        using var sockets = ProcessSockets.Install();
        sockets.SetHostFilter(HostFilters.Map("api.example.test", IPAddress.Loopback, IPAddress.IPv6Loopback));
        string body = await new HttpClient().GetStringAsync($"http://api.example.test:{port}/");   // served by Kestrel

        sockets.SetHostFilter(HostFilters.When(HostMatch.Name("api.example.test"), HostFilters.Fail(HostError.HostNotFound)));
        // HttpRequestException { HttpRequestError: NameResolutionError, InnerException: SocketException { SocketErrorCode: HostNotFound } }

        sockets.SetHostFilter(HostFilters.Delay(TimeSpan.FromSeconds(2)));   // every lookup waits, then resolves for real
        // end-doc

        Assert.Equal("hello", body);

        // What the comment says the failing filter gives (the delay is in force now: deploy the failure again).
        sockets.SetHostFilter(HostFilters.When(HostMatch.Name("api.example.test"), HostFilters.Fail(HostError.HostNotFound)));
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => new HttpClient().GetStringAsync($"http://api.example.test:{port}/", TestContext.Current.CancellationToken));
        Assert.Equal(HttpRequestError.NameResolutionError, error.HttpRequestError);
        Assert.Equal(SocketError.HostNotFound, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);

        // The delay, on a name the hosts file answers ("localhost"): it waits, then resolves for real.
        sockets.SetHostFilter(HostFilters.Delay(TimeSpan.FromSeconds(2)));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var addresses = await Dns.GetHostAddressesAsync("localhost", TestContext.Current.CancellationToken);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"the lookup took {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Contains(addresses, IPAddress.IsLoopback);
    }
}
