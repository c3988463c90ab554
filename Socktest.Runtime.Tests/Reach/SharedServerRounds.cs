using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Socktest.Interop;
using Xunit;

namespace Socktest.Tests.Reach;

/// <summary>The server-side faults a test deploys against a shared server: each needs the server end of the test's
/// own connection to be the test's scope's, though the fixture's Kestrel accepted it.</summary>
public enum ServerFault
{
    /// <summary>No fault: the server end is counted, nothing else.</summary>
    None,

    /// <summary>The server's sends fail with ECONNRESET.</summary>
    SendReset,

    /// <summary>The server's receives fail with ECONNRESET.</summary>
    RecvReset,

    /// <summary>The server's sends are cut to 1,000 bytes each.</summary>
    SendSliced,
}

/// <summary>One test's round against the shared HTTP/1.1 server: its own scope and <see cref="HttpClient"/>, one
/// request, a fault on the server side picked by the server's port (the client's is an ephemeral one), and exact books:
/// the client (dual-mode IPv6) opened and closed, the server end (IPv4) adopted and closed, both in this scope.</summary>
internal static class SharedServerRounds
{
    public static async Task RunAsync(SharedServers servers, ServerFault fault)
    {
        using var scope = ProcessSockets.BeginScope();
        int port = servers.HttpUrl.Port;
        var serverEnd = SocketMatch.LocalPort(port);
        int hits = 0;
        Filter Counted(Filter fault) => status =>
        {
            Interlocked.Increment(ref hits);
            return fault(status);
        };

        switch (fault)
        {
            case ServerFault.SendReset:
                scope.Set(FilterType.Send, Faults.When(serverEnd, Counted(Faults.Fail(Errno.ECONNRESET))));
                break;
            case ServerFault.RecvReset:
                scope.Set(FilterType.Recv, Faults.When(serverEnd, Counted(Faults.Fail(Errno.ECONNRESET))));
                break;
            case ServerFault.SendSliced:
                scope.Set(FilterType.Send, Faults.When(serverEnd, Faults.Slice(1000)));
                break;
        }

        using (var client = new HttpClient())
        {
            switch (fault)
            {
                case ServerFault.SendReset:
                    // Kestrel aborts a connection whose send failed: the client reads a reset.
                    var reset = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetByteArrayAsync(servers.HttpUrl));
                    var io = Assert.IsType<IOException>(reset.InnerException);
                    Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(io.InnerException).SocketErrorCode);
                    break;
                case ServerFault.RecvReset:
                    // Kestrel closes a connection whose receive failed before the request was read: the response ends
                    // before it began, on each connection SocketsHttpHandler tries.
                    var ended = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetByteArrayAsync(servers.HttpUrl));
                    Assert.Equal(HttpRequestError.ResponseEnded, Assert.IsType<HttpIOException>(ended.InnerException).HttpRequestError);
                    break;
                default:
                    Assert.Equal(SharedServers.Body, await client.GetByteArrayAsync(servers.HttpUrl));
                    break;
            }
        }

        await ReachBooks.AssertClosedAndBalancedAsync(scope, $"(server fault: {fault})");
        var clientEnd = ReachBooks.Tcp(scope, SocketConstants.AF_INET6);
        var server = ReachBooks.Tcp(scope, SocketConstants.AF_INET);
        ulong connections = fault == ServerFault.RecvReset ? clientEnd.Opened : 1UL;
        Assert.Equal((connections, 0UL, 0UL), (clientEnd.Opened, clientEnd.Accepted, clientEnd.Adopted));
        Assert.Equal((0UL, 0UL, connections), (server.Opened, server.Accepted, server.Adopted));
        switch (fault)
        {
            case ServerFault.SendReset:
                Assert.Equal((1, 0UL), (hits, server.BytesSent));
                break;
            case ServerFault.RecvReset:
                Assert.Equal(((int)connections, 0UL), (hits, server.BytesSent));
                break;
            default:
                Assert.Equal(0UL, server.SendFailed);
                Assert.True(server.BytesSent > (ulong)SharedServers.Body.Length, "the server sent the body and its headers");
                break;
        }

        Assert.Empty(scope.FilterExceptions());
        Assert.Empty(scope.Warnings);
    }
}
