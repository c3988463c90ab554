using Xunit;

namespace DocRecipes.Readme;

/// <summary>The README's recipes for .NET's own sockets that work the same on a scope: each test gives the recipe's
/// <c>sockets</c> a scope of its own, so they run in parallel; the server is the assembly fixture's Kestrel.</summary>
public class ReadmeScopeRecipes(SharedServers servers)
{
    [Fact]
    public async Task EveryReadOfHttpClientAndKestrelIsCutToOneByte()
    {
        using var sockets = ProcessSockets.BeginScope();
        using var trace = sockets.StartTrace(10_000);
        using var http = new HttpClient();

        // begin-doc: readme/install-limit-recv
        sockets.Set(FilterType.Recv, status => FilterResult.Limit(1));   // HttpClient and Kestrel read one byte at a time
        // end-doc

        Assert.Equal("hello", await http.GetStringAsync(servers.HttpUrl, TestContext.Current.CancellationToken));
        var reads = trace.Entries().Where(entry => entry.Operation == FilterType.Recv && !entry.Peek && entry.Result > 0).ToList();
        Assert.All(reads, read => Assert.Equal(1, read.Result));
        Assert.Contains(reads, read => read.Cookie.Family == SocketConstants.AF_INET6);   // HttpClient's end
        Assert.Contains(reads, read => read.Cookie.Family == SocketConstants.AF_INET);    // Kestrel's end of this test's connection
        Assert.True(reads.Count(read => read.Cookie.Family == SocketConstants.AF_INET6) > "hello".Length, $"{reads.Count} reads");
    }

    [Fact]
    public async Task OnlyTheDatabaseIsRefused()
    {
        using var sockets = ProcessSockets.BeginScope();
        using var databaseServer = new LoopbackListener();
        using var otherServer = new LoopbackListener();
        var database = databaseServer.EndPoint;

        // begin-doc: readme/refuse-peer
        sockets.Set(FilterType.Connect, Faults.When(SocketMatch.Peer(database), Faults.Refuse()));   // only the database
        // end-doc

        using (var refused = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            var error = await Assert.ThrowsAsync<SocketException>(() => refused.ConnectAsync(database, TestContext.Current.CancellationToken).AsTask());
            Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
        }

        using var other = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await other.ConnectAsync(otherServer.EndPoint, TestContext.Current.CancellationToken);
        Assert.True(other.Connected);
    }

    [Fact]
    public async Task AProductionNameReachesTheTestsServer()
    {
        using var sockets = ProcessSockets.BeginScope();
        int port = servers.HttpUrl.Port;

        // begin-doc: readme/host-map
        sockets.SetHostFilter(HostFilters.Map("api.example.test", IPAddress.Loopback));
        await new HttpClient().GetStringAsync($"http://api.example.test:{port}/");   // reaches the test's server
        // end-doc

        var lookup = Assert.Single(sockets.HostLookups(), record => record.HostName == "api.example.test");
        Assert.True(lookup.Injected);
        Assert.Contains(IPAddress.Loopback, lookup.Addresses);
        Assert.Contains(sockets.Stats(), stat => stat.Family == SocketConstants.AF_INET6 && stat.Connected == 1);
    }

    [Fact]
    public async Task AScopeResetsOnlyItsOwnSocketsAfterAThousandBytes()
    {
        // begin-doc: readme/scope-reset-after
        using var scope = ProcessSockets.BeginScope();                 // in the test method itself
        scope.Set(FilterType.Recv, Faults.ResetAfter(1_000));          // only this test's sockets are reset
        // end-doc

        using var http = new HttpClient();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => http.GetByteArrayAsync(servers.BigUrl, TestContext.Current.CancellationToken));
        Assert.True(Errors.SocketErrorIn(error) == SocketError.ConnectionReset, error.ToString());
    }
}
