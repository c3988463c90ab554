using System.IO;
using DocRecipes.Support;
using Socktest;
using Xunit;

// docs/process-sockets.md's shared-server recipe, at the top level of its file as it must be: the assembly fixture it
// declares is this project's (SharedServers), which every recipe that calls a server uses.
// begin-doc: process-sockets/shared-server
[assembly: AssemblyFixture(typeof(SharedServers))]              // Kestrel started once, by no scope

public class ServerSideFaultTests(SharedServers servers)
{
    [Fact]
    public async Task AFailedServerSendIsAResetForTheClient()
    {
        using var scope = ProcessSockets.BeginScope();
        scope.Set(FilterType.Send, Faults.When(SocketMatch.LocalPort(servers.HttpUrl.Port), Faults.Fail(Errno.ECONNRESET)));
        using var client = new HttpClient();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetByteArrayAsync(servers.HttpUrl));
        var io = Assert.IsType<IOException>(error.InnerException);
        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(io.InnerException).SocketErrorCode);
    }
}
// end-doc
