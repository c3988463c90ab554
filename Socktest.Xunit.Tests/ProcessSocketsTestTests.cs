using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Xunit;

namespace Socktest.Xunit.Tests;

/// <summary>Runs alone: while a process-wide switch is installed it sees every .NET socket in the process, so another
/// test's socket open at the end of this one would be reported as this test's leak.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWide
{
    public const string Name = "process-wide";
}

/// <summary>The base class over <see cref="ProcessSockets.Install"/>: .NET's own sockets traced per test, the runtime's
/// probe sockets excused, the switch uninstalled when the test ends.</summary>
[Collection(ProcessWide.Name)]
public class ProcessSocketsTestTests() : SocketSwitchTest<InstalledSocketSwitch>(
    ProcessSockets.Install(), new SocketTestOptions { IgnoreLeaks = SocketMatch.RuntimeProbes })
{
    [Fact]
    public async Task TcpClientAndListenerAreTracedAndClosed()
    {
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, TestContext.Current.CancellationToken);
            using var accepted = await listener.AcceptSocketAsync(TestContext.Current.CancellationToken);
        }

        string table = Trace.Format();
        Assert.Contains(" listen ", table);
        Assert.Contains(" accept ", table);
        Assert.Contains(" connect ", table);
        Assert.DoesNotContain(Switch.Sockets().Values, status => !SocketMatch.RuntimeProbes(status));
    }
}
