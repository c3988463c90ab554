using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Grpc.Core;
using Grpc.Net.Client;
using Socktest.Interop;
using Xunit;

namespace Socktest.Tests.Reach;

/// <summary><see cref="SocketScope.Claim"/> against clients that open their sockets off the test's flow: gRPC's
/// default channel (its subchannel connects with the flow suppressed) and a pool warmed before the scope.</summary>
public class ClaimTests(SharedServers servers)
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    private static readonly Method<byte[], byte[]> Stream = new(MethodType.ServerStreaming, "reach.Stream", "Messages", Bytes, Bytes);

    [Fact]
    public async Task AResetDeployedInTheScopeReachesTheStreamOfAGrpcChannelThroughClaim()
    {
        using var scope = ProcessSockets.BeginScope();
        using var claim = scope.Claim(servers.GrpcEndPoint);
        scope.Set(FilterType.Recv, Faults.When(SocketMatch.RemotePort(servers.GrpcEndPoint.Port), Faults.ResetAfter(50_000)));
        int received = 0;
        using (var channel = GrpcChannel.ForAddress(servers.GrpcUrl))
        {
            using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(Stream, null, default, []);
            var error = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    received++;
                }
            });

            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
            Assert.Equal(SocketError.ConnectionReset, FindSocketError(error));
        }

        // The reset fails the HTTP/2 connection, and with it the stream, whatever it had buffered: it never finishes.
        Assert.InRange(received, 0, SharedServers.GrpcMessages - 1);
        await ReachBooks.AssertClosedAndBalancedAsync(scope);
        var client = ReachBooks.Tcp(scope, SocketConstants.AF_INET6);
        var serverEnd = ReachBooks.Tcp(scope, SocketConstants.AF_INET);
        Assert.Equal((0UL, 1UL), (client.Opened, client.Adopted));
        Assert.Equal((0UL, 1UL), (serverEnd.Opened, serverEnd.Adopted));
    }

    [Fact]
    public async Task WithoutAClaimTheGrpcChannelsSocketsAreNoScopes()
    {
        using var scope = ProcessSockets.BeginScope();
        scope.Set(FilterType.Recv, Faults.When(SocketMatch.RemotePort(servers.GrpcEndPoint.Port), Faults.ResetAfter(50_000)));
        int received = 0;
        using (var channel = GrpcChannel.ForAddress(servers.GrpcUrl))
        {
            using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(Stream, null, default, []);
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                received++;
            }
        }

        Assert.Equal(SharedServers.GrpcMessages, received);
        Assert.Equal(0UL, ReachBooks.Tcp(scope, SocketConstants.AF_INET6).Adopted + ReachBooks.Tcp(scope, SocketConstants.AF_INET6).Opened);
    }

    [Fact]
    public async Task APoolWarmedBeforeTheScopeIsReachedThroughClaimAndNoOtherScopeFeelsItsFault()
    {
        using var server = EchoServer.Start();
        var pool = await WarmPoolAsync(server.EndPoint, 3);
        try
        {
            using var scope = ProcessSockets.BeginScope();
            Assert.Empty(scope.Sockets());
            using (scope.Claim(server.EndPoint))
            {
                Assert.Equal(pool.Select(s => (int)s.Handle).Order(), scope.Sockets().Keys.Order());
                Assert.Equal(3UL, ReachBooks.Tcp(scope, SocketConstants.AF_INET).Adopted);
                scope.Set(FilterType.Recv, Faults.When(SocketMatch.RemotePort(server.EndPoint.Port), Faults.Fail(Errno.ECONNRESET)));

                // Another test, in its own scope, with its own connection to the same server: it feels nothing.
                var other = Task.Run(async () =>
                {
                    using var otherScope = ProcessSockets.BeginScope();
                    using var own = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    await own.ConnectAsync(server.EndPoint);
                    Assert.Equal(5, await EchoServer.RoundTripAsync(own, "other"));
                    return ReachBooks.Tcp(otherScope, SocketConstants.AF_INET);
                });

                // The pool's connection, used from the pool's own thread (no flow of this test).
                Task<int> pooled;
                using (ExecutionContext.SuppressFlow())
                {
                    pooled = Task.Run(() => EchoServer.RoundTripAsync(pool[0], "query"));
                }

                var error = await Assert.ThrowsAsync<SocketException>(() => pooled);
                Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
                // Its own socket (opened there: a live scope's socket is never claimed away), and the server end of its
                // connection, which the echo server accepted on a listener no scope owns (adopted: it follows).
                var otherBooks = await other;
                Assert.Equal((1UL, 1UL), (otherBooks.Opened, otherBooks.Adopted));
            }

            foreach (var socket in pool)
            {
                socket.Dispose();
            }

            await ReachBooks.AssertClosedAndBalancedAsync(scope);
            Assert.Empty(scope.FilterExceptions());
        }
        finally
        {
            foreach (var socket in pool)
            {
                socket.Dispose();
            }
        }
    }

    [Fact]
    public void ASecondClaimOfAnEndpointNamesWhereTheFirstScopeWasBegun()
    {
        var endpoint = new IPEndPoint(IPAddress.Loopback, 1);
        using var first = ProcessSockets.BeginScope();
        var claim = first.Claim(endpoint);
        using var second = ProcessSockets.BeginScope();
        var error = Assert.Throws<InvalidOperationException>(() => second.Claim(endpoint));
        Assert.Contains(first.BegunAt, error.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
        claim.Dispose();
        second.Claim(endpoint).Dispose();
        Assert.Throws<ArgumentException>(() => second.Claim(new DnsEndPoint("localhost", 1)));
    }

    private static async Task<List<Socket>> WarmPoolAsync(IPEndPoint endpoint, int count)
    {
        Task<List<Socket>> warming;
        using (ExecutionContext.SuppressFlow())
        {
            warming = Task.Run(async () =>
            {
                var sockets = new List<Socket>();
                for (int i = 0; i < count; i++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    await socket.ConnectAsync(endpoint);
                    Assert.Equal(4, await EchoServer.RoundTripAsync(socket, "warm"));
                    sockets.Add(socket);
                }

                return sockets;
            });
        }

        return await warming;
    }

    private static SocketError? FindSocketError(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }
}
