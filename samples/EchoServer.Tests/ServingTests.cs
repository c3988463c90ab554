using System.Collections.Generic;
using System.Linq;
using System.Net;
using Xunit;

namespace Socktest.Samples.Echo.Tests;

/// <summary>The server without faults: it echoes, and its shutdown leaves nothing open.</summary>
public sealed class ServingTests
{
    private readonly SocketCallsSwitch _calls = new();

    public static TheoryData<string> Loopbacks => new() { "127.0.0.1", "::1" };

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public void EchoesOnLoopback(string loopback)
    {
        using (var server = EchoServer.Start(_calls, new IPEndPoint(IPAddress.Parse(loopback), 0)))
        using (var client = new Client(server.LocalEndPoint))
        {
            client.AssertEchoes("hello, socktest");
            client.AssertEchoes(new string('x', 20_000));
        }

        _calls.AssertNoLeaks();
        ServerStats.Assert(_calls, accepted: 1);
    }

    [Fact]
    public void ShutdownClosesTheListenerAndEveryConnection()
    {
        var server = EchoServer.Start(_calls, new IPEndPoint(IPAddress.Loopback, 0));
        var clients = Enumerable.Range(0, 3).Select(_ => new Client(server.LocalEndPoint)).ToList();
        foreach (Client client in clients)
        {
            client.AssertEchoes("ping");
        }

        Assert.Equal(4, _calls.Sockets().Count);
        server.Stop();

        _calls.AssertNoLeaks();
        Assert.All(clients, client => Assert.True(client.SeesEndOfStream()));
        Assert.True(server.AcceptLoopCompletion.IsCompleted);
        ServerStats.Assert(_calls, accepted: 3);
        clients.ForEach(client => client.Dispose());
    }
}
