using Xunit;

namespace DocRecipes.Readme;

/// <summary>The README's recipe on the installed switch: one at a time (the process-wide collection).</summary>
[Collection(ProcessWide.Name)]
public class ReadmeProcessWideRecipes(SharedServers servers)
{
    [Fact]
    public async Task AnInjectedRefusalIsHttpClientsConnectionRefused()
    {
        string url = servers.HttpUrl.ToString();

        // begin-doc: readme/install
        using var sockets = ProcessSockets.Install();                 // Dispose restores the original calls
        sockets.Set(FilterType.Connect, status => Errno.ECONNREFUSED);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => new HttpClient().GetStringAsync(url));
        Assert.Equal(SocketError.ConnectionRefused, ((SocketException)error.InnerException!).SocketErrorCode);
        // end-doc

        Assert.Contains(sockets.Stats(), stat => stat.Family == SocketConstants.AF_INET6 && stat.Opened >= 1 && stat.Connected == 0);
    }
}
