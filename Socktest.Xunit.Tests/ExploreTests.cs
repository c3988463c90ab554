using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Xunit;

namespace Socktest.Xunit.Tests;

/// <summary>An exploration from a test class on <see cref="SocketScopeTest"/>: the glue writes the report and every
/// run to the test's output.</summary>
public class ExploreTests : SocketScopeTest
{
    [Fact]
    public async Task TheReportAndEveryRunGoToTheTestsOutput()
    {
        // Opened in the test method, the listener is the test's scope's; each run's client socket is that run's, and the
        // connections wait in the listener's backlog, never accepted.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var options = new ExploreOptions
        {
            Menu = new Dictionary<FaultPointKind, IReadOnlyList<ExploreFault>> { [FaultPointKind.Connect] = [ExploreFault.Refuse] },
            MaxFaults = 1,
        };

        var report = await ExploreAsync(
            async scope =>
            {
                using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await client.ConnectAsync(IPAddress.Loopback, port);        // a refusal is not handled: a failure to report
            },
            options);

        var failure = Assert.Single(report.Failures);
        Assert.Equal($"connect#1@s1<127.0.0.1:{port}>=refuse", failure.Smallest.ToString());
        string output = TestContext.Current.TestOutputHelper!.Output;
        Assert.StartsWith(report.ToString(), output, System.StringComparison.Ordinal);
        Assert.Equal(3, report.Runs.Count);
        Assert.All(report.Runs, run => Assert.Contains(run.ToString(), output, System.StringComparison.Ordinal));
        Assert.Contains("Failed: connect#1@s1<127.0.0.1:" + port + ">=refuse: System.Net.Sockets.SocketException: Connection refused", output, System.StringComparison.Ordinal);
    }
}
