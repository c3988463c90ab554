using Xunit;

namespace DocRecipes.TestKit;

/// <summary>docs/test-kit.md's recipe on the installed switch: one at a time (the process-wide collection).</summary>
[Collection(ProcessWide.Name)]
public class ProcessWideRecipes
{
    [Fact]
    public async Task AServerAndItsClientsLeaveNoSocketTheRuntimesProbesExcused()
    {
        // begin-doc: test-kit/runtime-probes
        using var sockets = ProcessSockets.Install();
        await RunTheServerAndItsClients();
        sockets.AssertNoLeaks(SocketMatch.RuntimeProbes);
        // end-doc

        var tcp = Assert.Single(sockets.Stats(), stat => stat.Family == SocketConstants.AF_INET && (stat.Type & 0xff) == SocketConstants.SOCK_STREAM);
        Assert.Equal((4UL, 3UL, 1UL, 3UL, 7UL), (tcp.Opened, tcp.Connected, tcp.Listened, tcp.Accepted, tcp.Closed));
    }

    /// <summary>A TCP server on 127.0.0.1 and three clients, each served one byte; everything closed on return.</summary>
    private static async Task RunTheServerAndItsClients()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        for (int i = 0; i < 3; i++)
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            client.Connect(listener.LocalEndPoint!);
            using (var served = listener.Accept())
            {
                served.Send([(byte)i]);
            }

            var buffer = new byte[1];
            Assert.Equal(1, client.Receive(buffer));
            Assert.Equal(i, buffer[0]);
        }

        await Task.Yield();
    }
}
