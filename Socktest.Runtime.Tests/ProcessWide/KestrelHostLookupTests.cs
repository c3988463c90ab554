using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Socktest.Scenarios;
using Xunit;

namespace Socktest.Tests.ProcessWide;

/// <summary>A production host name answered by the switch and served by a real Kestrel on loopback, listening on both
/// 127.0.0.1 and ::1 on one port: the answer alone decides which address <c>SocketsHttpHandler</c> connects to.</summary>
[Collection(ProcessWideCollection.Name)]
public class KestrelHostLookupTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task TheAnswersFamilyDecidesWhichAddressHttpClientReaches(string answer)
    {
        await using var server = await StartKestrelAsync();
        using var sockets = ProcessSockets.Install();
        sockets.SetHostFilter(HostFilters.Map(HostLookupScenarios.ProductionName, IPAddress.Parse(answer)));
        using var http = new HttpClient();

        string seenByServer = await http.GetStringAsync($"http://{HostLookupScenarios.ProductionName}:{server.Port}/", TestContext.Current.CancellationToken);

        Assert.Equal(answer, seenByServer);
        var lookup = Assert.Single(sockets.HostLookups(), l => l.HostName == HostLookupScenarios.ProductionName);
        Assert.True(lookup.Injected);
        Assert.Equal([IPAddress.Parse(answer)], lookup.Addresses);
    }

    [Fact]
    public async Task ANameThatDoesNotExistFailsAsInProductionWithoutTheFilterAndIsServedWithIt()
    {
        await using var server = await StartKestrelAsync();
        using var sockets = ProcessSockets.Install();
        using var http = new HttpClient();
        string url = $"http://{HostLookupScenarios.ProductionName}:{server.Port}/";

        // .test is reserved (RFC 2606): the real resolver answers that it does not exist.
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(url, TestContext.Current.CancellationToken));
        Assert.Equal(SocketError.HostNotFound, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
        Assert.Contains(sockets.HostLookups(), l => l.HostName == HostLookupScenarios.ProductionName && !l.Injected && l.Error == HostError.HostNotFound);

        sockets.SetHostFilter(HostFilters.Map(HostLookupScenarios.ProductionName, IPAddress.Loopback, IPAddress.IPv6Loopback));
        Assert.Contains(await http.GetStringAsync(url, TestContext.Current.CancellationToken), new[] { "127.0.0.1", "::1" });
    }

    private static async Task<DualStackServer> StartKestrelAsync()
    {
        int port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, port);
            options.Listen(IPAddress.IPv6Loopback, port);
        });
        var app = builder.Build();
        app.MapGet("/", (HttpContext context) => context.Connection.LocalIpAddress!.ToString());
        await app.StartAsync();
        return new DualStackServer(app, port);
    }

    /// <summary>A port free on both loopback addresses at the moment of asking.</summary>
    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        probe.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private sealed class DualStackServer(WebApplication app, int port) : IAsyncDisposable
    {
        public int Port => port;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
