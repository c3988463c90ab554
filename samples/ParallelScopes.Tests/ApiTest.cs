using Socktest.Xunit;

namespace Socktest.Samples.ParallelScopes.Tests;

/// <summary>A test of the API client with a scope of its own (<see cref="SocketScopeTest"/>: classes run in parallel,
/// each test sees only its own sockets, and the leak check at the end waits for late closes).</summary>
/// <param name="api">The shared server.</param>
public abstract class ApiTest(ApiServer api) : SocketScopeTest
{
    /// <summary>Maps the API's name to 127.0.0.1, for this test's lookups only.</summary>
    protected void MapTheApi() => Switch.SetHostFilter(HostFilters.Map(ApiClient.Host, IPAddress.Loopback));

    /// <summary>One call of the client, as production makes it, with a client of the test's own.</summary>
    protected async Task<string> GetForecastAsync()
    {
        await using var client = new ApiClient(api.Port);
        return await client.GetForecastAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The client's line of the scope's statistics: its TCP sockets.</summary>
    // The client reaches the fixture's server by a name mapped to ::1, and the server's ends (inet6 as well, but
    // accepted) are the test's too: the client's line is the one with sockets opened.
    protected Stat ClientStats() => Assert.Single(Switch.Stats(SocketMatch.Type(SOCK_STREAM)), stat => stat.Opened > 0);
}
