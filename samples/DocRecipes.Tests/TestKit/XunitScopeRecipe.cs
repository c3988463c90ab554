// docs/test-kit.md's xunit v3 recipe for parallel suites: a real test class of this suite. Its scope is its own, so
// the refusal it deploys reaches no other test's connect (the recipes beside it connect at once).
namespace DocRecipes.TestKit.XunitScope
{
    // begin-doc: test-kit/xunit-scope-test
    using Socktest;
    using Socktest.Xunit;
    using Xunit;

    public class WeatherClientTests(SharedServers servers) : SocketScopeTest      // a scope per test: classes run in parallel
    {
        [Fact]
        public async Task RetriesARefusedConnect()
        {
            Switch.Set(FilterType.Connect, Faults.First(1, Errno.ECONNREFUSED));   // only this test's sockets
            using var http = new HttpClient();
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(servers.HttpUrl));   // refused
            Assert.Equal("hello", await http.GetStringAsync(servers.HttpUrl));                            // the retry connects
        }
    }
    // end-doc
}
